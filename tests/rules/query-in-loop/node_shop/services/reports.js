// A service that reaches the models through the index and through a relative file.
const models = require('../models');
const Line = require('../models/line');

async function lineCounts(orders) {
  const counts = {};
  for (const order of orders) {
    counts[order.id] = await Line.count({ where: { orderId: order.id } }); // expect: query-in-loop
  }
  return counts;
}

async function customersOf(orders) {
  const out = [];
  for (const order of orders) {
    out.push(await models.Customer.findOne({ where: { id: order.customerId } })); // expect: query-in-loop
  }
  return out;
}

async function lineCountsFast(orders) {
  const rows = await Line.count({ where: { orderId: orders.map((o) => o.id) }, group: ['orderId'] });
  const counts = {};
  for (const row of rows) {
    counts[row.orderId] = row.count;
  }
  return counts;
}

module.exports = { lineCounts, customersOf, lineCountsFast };

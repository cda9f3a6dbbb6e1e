// Sequelize: model statics, instances and association accessors per iteration.
const { Sequelize, DataTypes, Model, Op } = require('sequelize');
const Bluebird = require('bluebird');

const sequelize = new Sequelize(process.env.DATABASE_URL);

class Customer extends Model {}
Customer.init({ name: DataTypes.STRING, email: DataTypes.STRING }, { sequelize });

class Order extends Model {}
Order.init({ status: DataTypes.STRING, total: DataTypes.DECIMAL }, { sequelize });

// A model made by the factory: the name says nothing, the call does.
const Invoice = sequelize.define('Invoice', { number: DataTypes.STRING, paid: DataTypes.BOOLEAN });

Order.belongsTo(Customer);
Customer.hasMany(Order);

async function customerNames(orders) {
  const names = [];
  for (const order of orders) {
    const customer = await Customer.findByPk(order.customerId); // expect: query-in-loop
    names.push(customer.name);
  }
  return names;
}

async function orderCounts(customers) {
  const counts = {};
  for (const customer of customers) {
    counts[customer.id] = await Order.count({ where: { customerId: customer.id } }); // expect: query-in-loop
  }
  return counts;
}

async function latestOrders(customerIds) {
  const latest = [];
  for (let i = 0; i < customerIds.length; i++) {
    const order = await Order.findOne({ // expect: query-in-loop
      where: { customerId: customerIds[i] },
      order: [['createdAt', 'DESC']],
    });
    latest.push(order);
  }
  return latest;
}

async function importOrders(rows) {
  for (const row of rows) {
    await Order.create({ status: 'new', total: row.total, customerId: row.customerId }); // expect: query-in-loop
  }
}

async function markPaid(invoiceNumbers) {
  for (const number of invoiceNumbers) {
    await Invoice.update({ paid: true }, { where: { number } }); // expect: query-in-loop
  }
}

async function invoiceLookup(numbers) {
  const found = [];
  let i = 0;
  while (i < numbers.length) {
    found.push(await Invoice.findOne({ where: { number: numbers[i] } })); // expect: query-in-loop
    i += 1;
  }
  return found;
}

async function orderCustomers() {
  const orders = await Order.findAll({ where: { status: 'new' } });
  const result = [];
  for (const order of orders) {
    const customer = await order.getCustomer(); // expect: lazy-load-in-loop (a relation getter on rows that did not include it)
    result.push({ id: order.id, customer: customer.name });
  }
  return result;
}

async function closeOrders(ids) {
  for (const id of ids) {
    const order = await Order.findByPk(id); // expect: query-in-loop
    order.status = 'closed';
    await order.save(); // expect: query-in-loop
  }
}

async function customerOrderCounts() {
  const customers = await Customer.findAll();
  return Promise.all(customers.map((customer) => customer.countOrders())); // expect: query-in-loop
}

function refreshTotals(orderIds) {
  orderIds.forEach(async (id) => {
    await Order.increment('total', { by: 1, where: { id } }); // expect: query-in-loop
  });
}

async function defaultStatus(orders) {
  for (const order of orders) {
    // Loop-invariant: the same query on every iteration.
    const fallback = await Customer.findOne({ where: { email: 'walk-in@example.com' } }); // expect: query-in-loop
    order.customerId = order.customerId || fallback.id;
  }
}

async function pendingByCustomer(customers) {
  const out = [];
  for (const c of customers) {
    for (const status of ['new', 'paid']) {
      out.push(await Order.findAll({ where: { customerId: c.id, status } })); // expect: query-in-loop
    }
  }
  return out;
}

async function ordersViaBluebird(ids) {
  // Bluebird's Promise.map: concurrent, still one query per id
  return Bluebird.map(ids, (id) => Order.findByPk(id), { concurrency: 5 }); // expect: query-in-loop
}

async function ordersFromStream(stream) {
  const out = [];
  for await (const row of stream) {
    out.push(await Order.findOne({ where: { externalId: row.id } })); // expect: query-in-loop
  }
  return out;
}

async function byKey(map) {
  const out = {};
  for (const key in map) {
    out[key] = await Customer.findOne({ where: { email: map[key] } }); // expect: query-in-loop
  }
  return out;
}

async function nested(groups) {
  for (const group of groups) {
    await Promise.all(group.ids.map((id) => Order.destroy({ where: { id } }))); // expect: query-in-loop
  }
}

async function viaCliIndex(db, ids) {
  for (const id of ids) {
    // sequelize-cli's models/index.js fills `db` in a loop over the folder, so `db.Order`
    // cannot be resolved to a class; findOne on a member of `db` is Sequelize's.
    await db.Order.findOne({ where: { id } }); // expect: query-in-loop
  }
}

module.exports = {
  viaCliIndex,
  ordersViaBluebird, ordersFromStream, byKey, nested,
  customerNames, orderCounts, latestOrders, importOrders, markPaid, invoiceLookup,
  orderCustomers, closeOrders, customerOrderCounts, refreshTotals, defaultStatus,
  pendingByCustomer, Op,
};

// What fixes the N+1 (include), reads that run no query, and rows headroom cannot know.
const { Customer, Order, Line } = require("./models");
const { ordersWithCustomer } = require("./repo");
const { Widget } = require("widgets-sdk");

async function included() {
  const orders = await Order.findAll({ include: [{ model: Customer, as: "customer" }] });
  for (const order of orders) {
    console.log(order.customer.name);
    await order.getCustomer();
  }
}

async function includedByModel() {
  const orders = await Order.findAll({ include: [Customer] });
  return orders.map((o) => o.getCustomer());
}

async function includedByName() {
  for (const order of await Order.findAll({ include: "lines" })) {
    await order.getLines();
  }
}

async function includedByAssociation() {
  const orders = await Order.findAll({ include: [{ association: "tags" }] });
  for (const order of orders) {
    await order.getTags();
  }
}

async function includedAll() {
  const orders = await Order.findAll({ include: { all: true } });
  for (const order of orders) {
    await order.getCustomer();
  }
}

async function includedThroughHelper() {
  const orders = await ordersWithCustomer();
  for (const order of orders) {
    await order.getCustomer();
  }
}

async function nestedInclude() {
  const lines = await Line.findAll({ include: [{ model: Order, as: "order", include: [Customer] }] });
  for (const line of lines) {
    await line.getOrder();
  }
}

async function attributesOnly() {
  const orders = await Order.findAll();
  for (const order of orders) {
    console.log(order.customerId, order.customer, order.status);
  }
}

async function untypedRows(orders) {
  for (const order of orders) {
    await order.getCustomer();
  }
}

async function optionsInAVariable(opts) {
  for (const order of await Order.findAll(opts)) {
    await order.getCustomer();
  }
}

async function notAModel() {
  for (const w of await Widget.findAll()) {
    await w.getCustomer();
  }
}

async function oneRow(id) {
  const order = await Order.findByPk(id);
  return order.getCustomer();
}

module.exports = { included, includedByModel, includedByName, includedByAssociation, includedAll, includedThroughHelper, nestedInclude, attributesOnly, untypedRows, optionsInAVariable, notAModel, oneRow };

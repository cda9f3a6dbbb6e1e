// Lazy association reads per row in Sequelize (the models in models.js).
const { Customer, Order } = require("./models");

async function customerNames() {
  const names = [];
  for (const order of await Order.findAll()) {
    const customer = await order.getCustomer(); // expect: lazy-load-in-loop
    names.push(customer.name);
  }
  return names;
}

async function withInclude() {
  const orders = await Order.findAll({ include: [{ model: Customer, as: "customer" }] });
  return orders.map((o) => o.customer.name);
}

module.exports = { customerNames, withInclude };

// Association getters per row, on rows whose query did not include the association.
const { Customer, Order, Line, Tag } = require("./models");
const { recentOrders, allLines } = require("./repo");

async function customerNames() {
  const orders = await Order.findAll({ where: { status: "paid" } });
  const names = [];
  for (const order of orders) {
    const customer = await order.getCustomer(); // expect: lazy-load-in-loop
    names.push(customer.name);
  }
  return names;
}

async function lineCounts() {
  const counts = {};
  for (const order of await Order.findAll()) {
    counts[order.id] = (await order.getLines()).length; // expect: lazy-load-in-loop
  }
  return counts;
}

async function customersConcurrently() {
  const orders = await Order.findAll();
  return Promise.all(orders.map((o) => o.getCustomer())); // expect: lazy-load-in-loop
}

async function throughHelper() {
  const orders = await recentOrders(new Date());
  for (const order of orders) {
    await order.getTags(); // expect: lazy-load-in-loop
  }
}

async function wrongInclude() {
  const orders = await Order.findAll({ include: [{ model: Line, as: "lines" }] });
  for (const order of orders) {
    const customer = await order.getCustomer(); // expect: lazy-load-in-loop
    console.log(customer.name, order.lines.length);
  }
}

async function productsOfLines() {
  const lines = await allLines();
  lines.forEach(async (line) => {
    const product = await line.getProduct(); // expect: lazy-load-in-loop
    console.log(product.title);
  });
}

async function customerOrders() {
  const customers = await Customer.findAll({ where: { name: "x" } });
  for (const c of customers) {
    const orders = await c.getOrders(); // expect: lazy-load-in-loop
    const fav = await c.getFavorite(); // expect: lazy-load-in-loop
    console.log(orders.length, fav);
  }
}

module.exports = { customerNames, lineCounts, customersConcurrently, throughHelper, wrongInclude, productsOfLines, customerOrders };

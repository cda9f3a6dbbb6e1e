// Helpers that return rows, used from other files.
const { Customer, Order, Line } = require("./models");

async function recentOrders(since) {
  return Order.findAll({ where: { status: "new" }, order: [["createdAt", "DESC"]] });
}

async function ordersWithCustomer() {
  return Order.findAll({ include: [{ model: Customer, as: "customer" }] });
}

function allLines() {
  return Line.findAll();
}

module.exports = { recentOrders, ordersWithCustomer, allLines };

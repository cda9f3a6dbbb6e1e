// Helpers that query; routes.js calls them per item.
const { prisma } = require("./db");

async function orderTotal(orderId) {
  const lines = await prisma.orderLine.findMany({ where: { orderId } });
  return lines.reduce((sum, l) => sum + l.price, 0);
}

async function describe(order) {
  return `${order.id}: ${await orderTotal(order.id)}`;
}

function label(order) {
  return `order ${order.id}`;
}

module.exports = { describe, label, orderTotal };

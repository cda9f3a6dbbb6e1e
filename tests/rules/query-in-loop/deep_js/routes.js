// Queries hidden behind helper calls in loops (function summaries across files).
const { describe, label, orderTotal } = require("./helpers");

async function totals(orders) {
  const out = [];
  for (const order of orders) {
    out.push(await orderTotal(order.id)); // expect: query-in-loop
  }
  return out;
}

async function descriptions(orders) {
  const out = [];
  for (const order of orders) {
    out.push(await describe(order)); // expect: query-in-loop
  }
  return out;
}

function labels(orders) {
  return orders.map((o) => label(o));
}

async function once(order) {
  return orderTotal(order.id);
}

module.exports = { descriptions, labels, once, totals };

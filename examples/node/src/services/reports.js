// Reporting helpers.
const { fn, col } = require('sequelize');
const { Customer, Order } = require('../models');

// Slow: one SUM query per customer.
async function customerTotalsSlow() {
  const customers = await Customer.findAll();
  const totals = {};
  for (const customer of customers) {
    totals[customer.name] = await Order.sum('total', { where: { customerId: customer.id } });
  }
  return totals;
}

// Fast: one GROUP BY query.
async function customerTotals() {
  const rows = await Order.findAll({
    attributes: ['customerId', [fn('SUM', col('total')), 'total']],
    include: [{ model: Customer, attributes: ['name'] }],
    group: ['customerId', 'customer.id'],
    raw: true,
  });
  const totals = {};
  for (const row of rows) {
    totals[row['customer.name']] = Number(row.total);
  }
  return totals;
}

// Quiet: a loop over a small literal list of statuses is three queries, not N.
async function statusCounts() {
  const counts = {};
  for (const status of ['new', 'paid', 'shipped']) {
    counts[status] = await Order.count({ where: { status } });
  }
  return counts;
}

module.exports = { customerTotalsSlow, customerTotals, statusCounts };

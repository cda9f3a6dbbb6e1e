// Order routes. Each slow handler sits next to its fast twin.
const express = require('express');
const { Customer, Order, OrderLine } = require('../models');

const router = express.Router();

// Slow: one SELECT per order to find its customer (1 + N queries).
router.get('/orders-slow', async (req, res) => {
  const orders = await Order.findAll({ where: { status: req.query.status || 'new' } });
  const rows = [];
  for (const order of orders) {
    const customer = await Customer.findByPk(order.customerId);
    rows.push({ id: order.id, total: order.total, customer: customer.name });
  }
  res.json(rows);
});

// Fast: the customers come with the orders in one query (a JOIN).
router.get('/orders', async (req, res) => {
  const orders = await Order.findAll({
    where: { status: req.query.status || 'new' },
    include: [{ model: Customer, attributes: ['name'] }],
  });
  res.json(orders.map((o) => ({ id: o.id, total: o.total, customer: o.customer.name })));
});

// Slow: the lines of each order, one query per order, through the association getter.
router.get('/customers/:id/orders-slow', async (req, res) => {
  const orders = await Order.findAll({ where: { customerId: req.params.id } });
  const result = [];
  for (const order of orders) {
    const lines = await order.getOrderLines();
    result.push({ id: order.id, lines: lines.length });
  }
  res.json(result);
});

// Fast: include the lines; Sequelize loads them with the orders.
router.get('/customers/:id/orders', async (req, res) => {
  const orders = await Order.findAll({ where: { customerId: req.params.id }, include: OrderLine });
  res.json(orders.map((o) => ({ id: o.id, lines: o.orderLines.length })));
});

// Slow: one UPDATE per id.
router.post('/orders/status-slow', async (req, res) => {
  const { ids, status } = req.body;
  for (const id of ids) {
    await Order.update({ status }, { where: { id } });
  }
  res.status(204).end();
});

// Fast: one UPDATE ... WHERE id IN (...).
router.post('/orders/status', async (req, res) => {
  const { ids, status } = req.body;
  await Order.update({ status }, { where: { id: ids } });
  res.status(204).end();
});

module.exports = router;

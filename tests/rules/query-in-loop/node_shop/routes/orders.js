// Express routes using models from ../models: the names say nothing, the classes do.
const express = require('express');
const { Order, Customer, Line } = require('../models');

const router = express.Router();

router.get('/customers/summary', async (req, res) => {
  const customers = await Customer.findAll();
  const rows = [];
  for (const customer of customers) {
    const count = await Order.count({ where: { customerId: customer.id } }); // expect: query-in-loop
    rows.push({ name: customer.name, count });
  }
  res.json(rows);
});

router.post('/orders/:id/lines', async (req, res) => {
  for (const line of req.body.lines) {
    await Line.create({ orderId: req.params.id, sku: line.sku, quantity: line.quantity }); // expect: query-in-loop
  }
  res.status(201).end();
});

router.post('/orders/close', async (req, res) => {
  for (const id of req.body.ids) {
    const order = await Order.findOne({ where: { id } }); // expect: query-in-loop
    order.status = 'closed';
    await order.save(); // expect: query-in-loop
  }
  res.status(204).end();
});

// The correct twins.
router.get('/customers/summary-fast', async (req, res) => {
  const customers = await Customer.findAll({ include: Order });
  res.json(customers.map((c) => ({ name: c.name, count: c.orders.length })));
});

router.post('/orders/:id/lines-fast', async (req, res) => {
  const rows = req.body.lines.map((line) => ({ orderId: req.params.id, sku: line.sku, quantity: line.quantity }));
  await Line.bulkCreate(rows);
  res.status(201).end();
});

router.post('/orders/close-fast', async (req, res) => {
  await Order.update({ status: 'closed' }, { where: { id: req.body.ids } });
  res.status(204).end();
});

module.exports = router;

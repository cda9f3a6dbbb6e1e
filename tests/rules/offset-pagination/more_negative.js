const express = require('express');
const { Order } = require('./models');

const router = express.Router();

router.get('/recent', async (req, res) => {
  res.json(await Order.findAll({ limit: 20, order: [['id', 'DESC']] }));
});

router.get('/after', async (req, res) => {
  res.json(await Order.findAll({ where: { id: { gt: Number(req.query.after) } }, limit: 20 }));
});

async function nightlyExport(offset) {
  return Order.findAll({ limit: 1000, offset });
}

module.exports = { router, nightlyExport };

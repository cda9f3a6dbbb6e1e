const express = require('express');
const { Order } = require('./models');

const router = express.Router();

router.get('/orders', async (req, res) => {
  const { rows, count } = await Order.findAndCountAll({ limit: 20, offset: req.query.offset }); // expect: offset-pagination
  res.json({ rows, count });
});

module.exports = router;

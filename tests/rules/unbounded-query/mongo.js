const express = require('express');
const mongoose = require('mongoose');

const User = mongoose.model('User', new mongoose.Schema({ name: String }));
const router = express.Router();

router.get('/all', async (req, res) => {
  res.json(await User.find()); // expect: unbounded-query
});

router.get('/some', async (req, res) => {
  res.json(await User.find().limit(20));
});

module.exports = router;

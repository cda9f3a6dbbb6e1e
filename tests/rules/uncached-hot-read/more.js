const express = require('express');
const mongoose = require('mongoose');
const { Category } = require('./models2');

const Setting = mongoose.model('Setting', new mongoose.Schema({ key: String }));
const router = express.Router();

router.get('/menu', async (req, res) => {
  res.json(await Category.findAll({ where: { active: true } })); // expect: uncached-hot-read
});

router.get('/theme', async (req, res) => {
  res.json(await Setting.findOne({ key: 'theme' })); // expect: uncached-hot-read
});

router.get('/setting', async (req, res) => {
  res.json(await Setting.findOne({ key: req.query.key }));
});

module.exports = router;

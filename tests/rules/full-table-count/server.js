// Counting whole tables in Node handlers.
const express = require('express');
const { PrismaClient } = require('@prisma/client');
const mongoose = require('mongoose');
const { Order } = require('./models');

const app = express();
const prisma = new PrismaClient();
const User = mongoose.model('User', new mongoose.Schema({ name: String }));

app.get('/stats', async (req, res) => {
  res.json({ users: await prisma.user.count() }); // expect: full-table-count
});

app.get('/stats-active', async (req, res) => {
  res.json({ users: await prisma.user.count({ where: { active: true } }) });
});

app.get('/orders', async (req, res) => {
  res.json({ n: await Order.count() }); // expect: full-table-count
});

app.get('/orders-open', async (req, res) => {
  res.json({ n: await Order.count({ where: { status: 'open' } }) });
});

app.get('/members', async (req, res) => {
  res.json({ n: await User.countDocuments() }); // expect: full-table-count
});

app.get('/members-estimate', async (req, res) => {
  res.json({ n: await User.estimatedDocumentCount() });
});

app.get('/members-named', async (req, res) => {
  res.json({ n: await User.countDocuments({ name: req.query.name }) });
});

// OFFSET paging in Node handlers, and keyset twins.
const express = require('express');
const { PrismaClient } = require('@prisma/client');
const { Order } = require('./models');
const mongoose = require('mongoose');

const app = express();
const prisma = new PrismaClient();
const User = mongoose.model('User', new mongoose.Schema({ name: String }));

app.get('/users', async (req, res) => {
  const page = Number(req.query.page);
  res.json(await prisma.user.findMany({ skip: page * 20, take: 20 })); // expect: offset-pagination
});

app.get('/users-cursor', async (req, res) => {
  res.json(await prisma.user.findMany({ take: 20, cursor: { id: Number(req.query.after) } }));
});

app.get('/orders', async (req, res) => {
  res.json(await Order.findAll({ limit: 20, offset: Number(req.query.offset) })); // expect: offset-pagination
});

app.get('/orders-first', async (req, res) => {
  res.json(await Order.findAll({ limit: 20, offset: 0 }));
});

app.get('/members', async (req, res) => {
  res.json(await User.find().skip(Number(req.query.skip)).limit(20)); // expect: offset-pagination
});

// Express endpoints that return every row, and bounded twins.
const express = require('express');
const { PrismaClient } = require('@prisma/client');
const { Product } = require('./models');

const app = express();
const prisma = new PrismaClient();

app.get('/users', async (req, res) => {
  res.json(await prisma.user.findMany()); // expect: unbounded-query
});

app.get('/users-with-posts', async (req, res) => {
  res.json(await prisma.user.findMany({ include: { posts: true } })); // expect: unbounded-query
});

app.get('/users-page', async (req, res) => {
  res.json(await prisma.user.findMany({ take: 20 }));
});

app.get('/users-active', async (req, res) => {
  res.json(await prisma.user.findMany({ where: { active: true } }));
});

app.get('/products', async (req, res) => {
  res.json(await Product.findAll()); // expect: unbounded-query
});

app.get('/products-page', async (req, res) => {
  res.json(await Product.findAll({ limit: 50, order: [['id', 'ASC']] }));
});

app.get('/products-opts', async (req, res) => {
  const opts = { limit: 10 };
  res.json(await Product.findAll(opts));
});

async function exportAll() {
  return Product.findAll();
}

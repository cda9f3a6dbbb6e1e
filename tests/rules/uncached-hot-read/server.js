// Request-independent reads in Express handlers.
const express = require('express');
const { PrismaClient } = require('@prisma/client');
const { Setting } = require('./models');

const app = express();
const prisma = new PrismaClient();

app.get('/flags', async (req, res) => {
  res.json(await prisma.flag.findMany({ where: { enabled: true } })); // expect: uncached-hot-read
});

app.get('/banner', async (req, res) => {
  res.json(await Setting.findOne({ where: { key: 'banner' } })); // expect: uncached-hot-read
});

app.get('/setting/:key', async (req, res) => {
  res.json(await Setting.findOne({ where: { key: req.params.key } }));
});

app.get('/me', async (req, res) => {
  res.json(await prisma.user.findUnique({ where: { id: req.user.id } }));
});

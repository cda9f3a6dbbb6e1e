// Connections per request in Node handlers, and pools created once.
const express = require('express');
const { Client, Pool } = require('pg');
const mysql = require('mysql2');
const { MongoClient } = require('mongodb');
const { PrismaClient } = require('@prisma/client');
const Redis = require('ioredis');

const app = express();
const pool = new Pool({ max: 10 });
const prisma = new PrismaClient();

app.get('/orders', async (req, res) => {
  const client = new Client(); // expect: connection-per-request
  await client.connect();
  res.json((await client.query('SELECT * FROM orders LIMIT 10')).rows);
});

app.get('/orders-ok', async (req, res) => {
  res.json((await pool.query('SELECT * FROM orders LIMIT 10')).rows);
});

app.get('/users', (req, res) => {
  const conn = mysql.createConnection({ host: 'db' }); // expect: connection-per-request
  conn.query('SELECT 1', (err, rows) => res.json(rows));
});

app.get('/docs', async (req, res) => {
  const client = new MongoClient('mongodb://db'); // expect: connection-per-request
  res.json(await client.db('shop').collection('docs').findOne({}));
});

app.get('/prisma', async (req, res) => {
  const db = new PrismaClient(); // expect: connection-per-request
  res.json(await db.user.findMany({ take: 10 }));
});

app.get('/prisma-ok', async (req, res) => {
  res.json(await prisma.user.findMany({ take: 10 }));
});

app.get('/hits', async (req, res) => {
  const redis = new Redis(); // expect: connection-per-request
  res.json(await redis.incr('hits'));
});

function unused() {
  return new Pool();
}

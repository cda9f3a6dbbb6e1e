require('./instrument');
const express = require('express');
const { Pool } = require('pg');

const app = express();
const pool = new Pool();

app.get('/orders', async (req, res) => {
  const { rows } = await pool.query('SELECT count(*) FROM orders');
  res.json(rows[0]);
});

app.listen(3000);

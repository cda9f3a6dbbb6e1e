// Catalog routes that break as traffic grows. Each slow handler sits next to its
// fast twin.
const express = require('express');
const fs = require('fs');
const { Pool } = require('pg');
const { Product, Setting } = require('../models');

const router = express.Router();
const pool = new Pool({ max: 10 });

// Slow: reads the template from disk synchronously, stalling the event loop.
router.get('/catalog-slow', (req, res) => {
  res.send(fs.readFileSync('views/catalog.html', 'utf8'));
});

// Fast: the promise API lets other requests run while the file is read.
router.get('/catalog', async (req, res) => {
  res.send(await fs.promises.readFile('views/catalog.html', 'utf8'));
});

// Slow: the exchange-rate service is called without a timeout.
router.get('/prices-slow', async (req, res) => {
  const rates = await fetch('https://rates.example/latest');
  res.json(await rates.json());
});

// Fast: the call gives up after three seconds.
router.get('/prices', async (req, res) => {
  const rates = await fetch('https://rates.example/latest', { signal: AbortSignal.timeout(3000) });
  res.json(await rates.json());
});

// Slow: a new pool (and connections) on every request.
router.get('/stock-slow/:sku', async (req, res) => {
  const perRequest = new Pool({ max: 1 });
  res.json((await perRequest.query('SELECT quantity FROM stock WHERE sku = $1', [req.params.sku])).rows);
});

// Fast: the pool is made once, when the module loads.
router.get('/stock/:sku', async (req, res) => {
  res.json((await pool.query('SELECT quantity FROM stock WHERE sku = $1', [req.params.sku])).rows);
});

// Slow: the full table on every request.
router.get('/products-slow', async (req, res) => {
  res.json(await Product.findAll());
});

// Fast: fifty products after the last id the client saw.
router.get('/products', async (req, res) => {
  res.json(await Product.findAll({ where: { id: { gt: Number(req.query.after || 0) } }, limit: 50 }));
});

module.exports = router;

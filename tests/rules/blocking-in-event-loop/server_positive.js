// Blocking calls in Node request handlers: every one stalls the event loop.
const express = require('express');
const fs = require('fs');
const crypto = require('crypto');
const zlib = require('zlib');
const bcrypt = require('bcrypt');
const { execSync } = require('child_process');
const Database = require('better-sqlite3');
const { renderTemplate } = require('./lib/templates');

const app = express();
const router = express.Router();
const db = new Database('shop.db');

app.get('/config', (req, res) => {
  res.send(fs.readFileSync('/etc/shop.json', 'utf8')); // expect: blocking-in-event-loop
});

router.post('/login', login);

function login(req, res) {
  const key = crypto.pbkdf2Sync(req.body.password, 'salt', 100000, 64, 'sha512'); // expect: blocking-in-event-loop
  res.json({ key: key.toString('hex') });
}

router.post('/signup', async (req, res) => {
  const hash = bcrypt.hashSync(req.body.password, 12); // expect: blocking-in-event-loop
  res.json({ hash });
});

app.get('/export', (req, res) => {
  res.send(zlib.gzipSync(JSON.stringify(req.query))); // expect: blocking-in-event-loop
});

app.get('/version', (req, res) => {
  res.send(execSync('git rev-parse HEAD').toString()); // expect: blocking-in-event-loop
});

app.get('/products', (req, res) => {
  res.json(db.prepare('SELECT * FROM products WHERE id = ?').get(req.query.id)); // expect: blocking-in-event-loop
});

app.get('/page', (req, res) => {
  res.send(renderTemplate('page'));
});

app.use('/api', router);

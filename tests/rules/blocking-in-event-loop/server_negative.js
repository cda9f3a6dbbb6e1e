// Non-blocking Node code, and blocking code outside request paths: all quiet.
const express = require('express');
const fs = require('fs');
const bcrypt = require('bcrypt');
const { execSync } = require('child_process');
const { Worker } = require('bullmq');

// Read once at start-up.
const config = JSON.parse(fs.readFileSync('config.json', 'utf8'));

const app = express();

app.get('/config', async (req, res) => {
  res.send(await fs.promises.readFile('/etc/shop.json', 'utf8'));
});

app.post('/signup', async (req, res) => {
  res.json({ hash: await bcrypt.hash(req.body.password, 12) });
});

app.get('/settings', (req, res) => {
  res.json(config);
});

const worker = new Worker('exports', async (job) => {
  execSync(`zip -r /tmp/${job.id}.zip data`);
});

function unusedHelper() {
  return fs.readFileSync('x');
}

app.listen(3000, () => {
  fs.writeFileSync('server.pid', String(process.pid));
});

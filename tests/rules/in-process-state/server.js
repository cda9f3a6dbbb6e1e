// Per-process state in Express handlers.
const express = require('express');
const Redis = require('ioredis');

const app = express();
const redis = new Redis();
const sessions = new Map();
const attempts = {};
const events = [];
const onlineUsers = new Set();
const lruCache = new Map();

app.post('/login', (req, res) => {
  sessions.set(req.body.token, req.body.user); // expect: in-process-state
  res.json({ ok: true });
});

app.post('/attempt', (req, res) => {
  attempts[req.ip] = (attempts[req.ip] || 0) + 1; // expect: in-process-state
  res.json({ n: attempts[req.ip] });
});

app.post('/events', (req, res) => {
  events.push(req.body); // expect: in-process-state
  res.json({ ok: true });
});

app.post('/online', (req, res) => {
  onlineUsers.add(req.user.id); // expect: in-process-state
  res.json({ ok: true });
});

app.post('/logout', (req, res) => {
  sessions.delete(req.body.token); // expect: in-process-state
  res.json({ ok: true });
});

app.post('/attempt-shared', async (req, res) => {
  res.json({ n: await redis.incr(`attempts:${req.ip}`) });
});

app.get('/page', (req, res) => {
  lruCache.set(req.path, 'html');
  const local = new Map();
  local.set('a', 1);
  res.json({ ok: true });
});

// Loops over arrays, Maps, caches, HTTP clients and the response: no database here.
const axios = require('axios');
const NodeCache = require('node-cache');

const cache = new NodeCache();

async function enrich(req, res) {
  const users = req.body.users;
  const seen = new Map();
  const result = [];
  for (const user of users) {
    const cached = cache.get(`user:${user.id}`);
    const dup = users.find((u) => u.email === user.email && u.id !== user.id);
    if (seen.get(user.id)) continue;
    seen.set(user.id, true);
    const profile = await fetch(`https://api.example.com/profiles/${user.id}`);
    const { data } = await axios.get(`https://api.example.com/scores/${user.id}`);
    result.push({ user, cached, dup, profile: await profile.json(), score: data.score });
  }
  const active = users.filter((u) => u.active).map((u) => u.id);
  const total = users.reduce((sum, u) => sum + u.balance, 0);
  res.json({ result, active, total, count: users.length });
}

function groupBy(rows) {
  const groups = {};
  rows.forEach((row) => {
    (groups[row.kind] = groups[row.kind] || []).push(row);
  });
  return Object.entries(groups).map(([kind, items]) => ({ kind, n: items.length, first: items.find(Boolean) }));
}

function sets(items, ids) {
  const s = new Set(ids);
  const out = [];
  for (const item of items) {
    if (s.has(item.id)) out.push(item);
    const parts = item.path.split('/');
    const last = parts.at(-1);
    out.push(last.toLowerCase());
    const url = new URL(item.href);
    out.push(url.searchParams.get('q'));
    const m = /\d+/.exec(item.name);
    out.push(m && m[0]);
  }
  return out;
}

module.exports = { enrich, groupBy, sets };

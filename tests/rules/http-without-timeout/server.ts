// Outbound HTTP in Express handlers, with and without timeouts.
import express from 'express';
import axios from 'axios';
import got from 'got';

const app = express();
const api = axios.create({ baseURL: 'https://api.example', timeout: 5000 });
const bare = axios.create({ baseURL: 'https://api.example' });

app.get('/users', async (req, res) => {
  const r = await fetch('https://users.example/all'); // expect: http-without-timeout
  res.json(await r.json());
});

app.get('/users-ok', async (req, res) => {
  const r = await fetch('https://users.example/all', { signal: AbortSignal.timeout(5000) });
  res.json(await r.json());
});

app.get('/orders', async (req, res) => {
  const { data } = await axios.get('https://orders.example'); // expect: http-without-timeout
  res.json(data);
});

app.get('/orders-ok', async (req, res) => {
  const { data } = await axios.get('https://orders.example', { timeout: 3000 });
  res.json(data);
});

app.get('/items', async (req, res) => {
  res.json((await api.get('/items')).data);
});

app.get('/bare', async (req, res) => {
  res.json((await bare.get('/items')).data); // expect: http-without-timeout
});

app.get('/got', async (req, res) => {
  res.json(await got('https://x.example').json()); // expect: http-without-timeout
});

app.get('/got-ok', async (req, res) => {
  res.json(await got('https://x.example', { timeout: { request: 5000 } }).json());
});

app.get('/opts', async (req, res) => {
  const options = { timeout: 1000 };
  res.json((await axios.get('https://x.example', options)).data);
});

async function warmup() {
  await fetch('https://x.example/warm');
}
warmup();

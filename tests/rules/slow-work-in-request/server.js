// Express handlers that make the user wait for slow work, and their twins.
const express = require('express');
const nodemailer = require('nodemailer');
const sharp = require('sharp');
const puppeteer = require('puppeteer');
const { Queue, Worker } = require('bullmq');

const app = express();
const transporter = nodemailer.createTransport({ host: 'smtp.example.com' });
const emails = new Queue('emails');

app.post('/signup', async (req, res) => {
  await transporter.sendMail({ to: req.body.email, subject: 'Welcome' }); // expect: slow-work-in-request
  res.json({ ok: true });
});

app.post('/avatar', async (req, res) => {
  await sharp(req.file.buffer).resize(128, 128).toFile('/tmp/a.png'); // expect: slow-work-in-request
  res.json({ ok: true });
});

app.get('/invoice.pdf', async (req, res) => {
  const browser = await puppeteer.launch(); // expect: slow-work-in-request
  res.send(await browser.close());
});

app.post('/signup-fast', async (req, res) => {
  await emails.add('welcome', { to: req.body.email });
  res.json({ ok: true });
});

new Worker('emails', async (job) => {
  await transporter.sendMail({ to: job.data.to, subject: 'Welcome' });
});

function notUsed() {
  return transporter.sendMail({ to: 'x' });
}

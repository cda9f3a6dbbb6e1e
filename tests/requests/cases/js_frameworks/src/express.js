const express = require('express');
const { load } = require('./lib/work');

const app = express();
const router = express.Router();

app.get('/inline', (req, res) => res.json(load()));
router.post('/named', named);
app.use(function middleware(req, res, next) {
  next();
});

function named(req, res) {
  [1, 2].map((x) => load());
  setTimeout(() => load(), 10);
}

app.listen(3000, () => load());

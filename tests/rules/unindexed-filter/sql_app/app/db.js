// node-postgres: raw SQL judged against db/**/*.sql.
const { Pool } = require('pg');

const pool = new Pool();

async function queries(name, userId, note, email, status) {
  await pool.query('SELECT * FROM users WHERE name = $1', [name]); // expect: unindexed-filter
  // orders.user_id REFERENCES users: PostgreSQL does not index a foreign key
  await pool.query(`SELECT id FROM orders WHERE user_id = $1`, [userId]); // expect: unindexed-filter
  await pool.query('SELECT * FROM orders ORDER BY total DESC LIMIT 10'); // expect: unindexed-filter
  await pool.query('SELECT o.id FROM orders AS o JOIN users u ON u.id = o.user_id WHERE o.note = $1', [note]); // expect: unindexed-filter
  await pool.query('SELECT * FROM users WHERE email = $1', [email]);
  await pool.query('SELECT * FROM orders WHERE status = ANY($1)', [status]);
  await pool.query('SELECT * FROM orders o JOIN users u ON u.id = o.user_id WHERE u.email = $1', [email]);
  await pool.query(`SELECT * FROM orders WHERE note = ${note}`);
}

module.exports = { queries };

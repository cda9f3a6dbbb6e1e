// node-postgres, mysql2 and better-sqlite3 done right.
import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import Database from 'better-sqlite3';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const mysqlPool = mysql.createPool({ uri: process.env.MYSQL_URL });
const db = new Database('app.db');

export async function emails(userIds: number[]) {
  const { rows } = await pool.query('SELECT id, email FROM users WHERE id = ANY($1)', [userIds]);
  return rows;
}

export async function prices(skus: string[]) {
  const [rows] = await mysqlPool.query('SELECT sku, price FROM products WHERE sku IN (?)', [skus]);
  return rows;
}

export function names(ids: number[]) {
  // prepared once; SQLite runs in-process, so reusing the statement per id is cheap
  const stmt = db.prepare('SELECT name FROM users WHERE id = ?');
  const result = [];
  for (const id of ids) {
    result.push(stmt.get(id));
  }
  return result;
}

export function insertMany(rows: { name: string }[]) {
  const insert = db.prepare('INSERT INTO users (name) VALUES (?)');
  const insertAll = db.transaction((items: { name: string }[]) => {
    for (const item of items) insert.run(item.name);
  });
  insertAll(rows);
}

export async function migrate(statements: string[]) {
  // a list of different statements (a script), not one query per row
  for (const sql of statements) {
    await pool.query(sql);
  }
}

export async function pollQueue() {
  // a loop-invariant query in a while loop is polling, not N+1
  let running = true;
  while (running) {
    const { rows } = await pool.query("SELECT id FROM jobs WHERE state = 'queued' LIMIT 10");
    running = rows.length > 0;
  }
}

// node-postgres, mysql2 and better-sqlite3: one statement per row.
import { Pool, PoolClient } from 'pg';
import mysql from 'mysql2/promise';
import Database from 'better-sqlite3';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const mysqlPool = mysql.createPool({ uri: process.env.MYSQL_URL });
const db = new Database('app.db');

export async function emails(userIds: number[]) {
  const out: string[] = [];
  for (const id of userIds) {
    const { rows } = await pool.query('SELECT email FROM users WHERE id = $1', [id]); // expect: query-in-loop
    out.push(rows[0].email);
  }
  return out;
}

export async function insertEvents(events: { kind: string }[]) {
  const client = await pool.connect();
  try {
    for (const event of events) {
      await client.query('INSERT INTO events (kind) VALUES ($1)', [event.kind]); // expect: query-in-loop
    }
  } finally {
    client.release();
  }
}

export async function prices(skus: string[]) {
  return Promise.all(skus.map((sku) => mysqlPool.query('SELECT price FROM products WHERE sku = ?', [sku]))); // expect: query-in-loop
}

export async function stock(skus: string[]) {
  const connection = await mysqlPool.getConnection();
  const result = [];
  for (const sku of skus) {
    const [rows] = await connection.execute('SELECT qty FROM stock WHERE sku = ?', [sku]); // expect: query-in-loop
    result.push(rows);
  }
  connection.release();
  return result;
}

export function names(ids: number[]) {
  const result = [];
  for (const id of ids) {
    // prepares the same statement again on every iteration
    result.push(db.prepare('SELECT name FROM users WHERE id = ?').get(id)); // expect: query-in-loop
  }
  return result;
}

export async function archive(ids: number[]) {
  let index = 0;
  while (index < ids.length) {
    await pool.query('UPDATE orders SET archived = true WHERE id = $1', [ids[index]]); // expect: query-in-loop
    index += 1;
  }
}

export async function insertWith(client: PoolClient, rows: { kind: string }[]) {
  for (const row of rows) {
    // Known gap: a parameter's type annotation is not in the model yet, and the name `client`
    // alone is as likely an HTTP or GraphQL client.
    await client.query('INSERT INTO events (kind) VALUES ($1)', [row.kind]); // todo-expect: query-in-loop
  }
}

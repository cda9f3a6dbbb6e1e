// The same tables through node-postgres: the raw-SQL path judges these today.
import { Pool } from 'pg';

const pool = new Pool();

export async function popular(min: number) {
  return pool.query('SELECT "id" FROM "Post" WHERE "views" >= $1', [min]); // expect: unindexed-filter
}

export async function byEmail(email: string) {
  return pool.query('SELECT * FROM "User" WHERE "email" = $1', [email]);
}

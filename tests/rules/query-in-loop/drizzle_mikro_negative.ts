// Drizzle and MikroORM done right: inArray, one insert, persist then one flush.
import { drizzle } from 'drizzle-orm/node-postgres';
import { inArray } from 'drizzle-orm';
import { EntityManager } from '@mikro-orm/postgresql';
import { users, posts } from './schema';

const db = drizzle(process.env.DATABASE_URL!);

export async function authors(postRows: { authorId: number }[]) {
  const ids = postRows.map((p) => p.authorId);
  return db.select().from(users).where(inArray(users.id, ids));
}

export async function usersWithPosts() {
  return db.query.users.findMany({ with: { posts: true } });
}

export async function insertAll(rows: { title: string; authorId: number }[]) {
  await db.insert(posts).values(rows);
}

export async function saveAll(em: EntityManager, books: object[]) {
  for (const book of books) {
    em.persist(book);
  }
  await em.flush();
}

export function buildOnly(filters: number[]) {
  // builders made per filter, run together after the loop
  const queries = [];
  for (const id of filters) {
    queries.push(db.select().from(users).where(inArray(users.id, [id])));
  }
  return queries;
}

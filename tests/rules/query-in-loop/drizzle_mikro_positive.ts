// Drizzle builders (run when awaited) and MikroORM's EntityManager, per iteration.
import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { users, posts } from './schema';

const db = drizzle(process.env.DATABASE_URL!);

export async function authors(postRows: { authorId: number }[]) {
  const out = [];
  for (const post of postRows) {
    const [author] = await db.select().from(users).where(eq(users.id, post.authorId)); // expect: query-in-loop
    out.push(author);
  }
  return out;
}

export async function postsOf(userIds: number[]) {
  return Promise.all(userIds.map((id) => db.query.posts.findMany({ where: eq(posts.authorId, id) }))); // expect: query-in-loop
}

export async function insertEach(rows: { title: string; authorId: number }[]) {
  for (const row of rows) {
    await db.insert(posts).values(row); // expect: query-in-loop
  }
}

export async function publish(ids: number[]) {
  for (const id of ids) {
    await db.update(posts).set({ published: true }).where(eq(posts.id, id)); // expect: query-in-loop
  }
}

export class BookService {
  constructor(private readonly em: EntityManager) {}

  async titles(ids: number[]) {
    const titles = [];
    for (const id of ids) {
      const book = await this.em.findOne('Book', { id }); // expect: query-in-loop
      titles.push(book);
    }
    return titles;
  }

  async renameAll(renames: Map<number, string>) {
    for (const [id, title] of renames) {
      await this.em.nativeUpdate('Book', { id }, { title }); // expect: query-in-loop
    }
  }
}

export async function saveEach(orm: MikroORM, books: object[]) {
  const em = orm.em.fork();
  for (const book of books) {
    await em.persistAndFlush(book); // expect: query-in-loop
  }
}

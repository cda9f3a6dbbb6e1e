// Prisma Client raw queries: a string-literal SQL argument ($queryRawUnsafe,
// $executeRawUnsafe) should be read like any raw SQL (pool.query(...)) and judged
// against the tables the migrations create.
import { Prisma, PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function byName(name: string) {
  return prisma.$queryRawUnsafe('SELECT * FROM "User" WHERE "name" = $1', name); // expect: unindexed-filter
}

export async function archive(status: string) {
  return prisma.$executeRawUnsafe('UPDATE "Post" SET "archived" = true WHERE "status" = $1', status); // expect: unindexed-filter
}

export class PostService {
  constructor(private readonly prisma: PrismaClient) {}

  popular(min: number) {
    return this.prisma.$queryRawUnsafe('SELECT "id", "title" FROM "Post" WHERE "views" >= $1', min); // expect: unindexed-filter
  }
}

// A tagged template is a call with no argument the rule can read (the SQL is
// split around its substitutions): a known gap.
export async function taggedByName(name: string) {
  return prisma.$queryRaw`SELECT * FROM "User" WHERE "createdAt" > ${name}`; // todo-expect: unindexed-filter
}

// Prisma.sql`...` builds the query: the argument is a call, not a string (a gap too).
export async function sqlHelper(title: string) {
  return prisma.$queryRaw(Prisma.sql`SELECT * FROM "Post" WHERE "title" = ${title}`); // todo-expect: unindexed-filter
}

// Raw queries the indexes serve, or that the rule cannot judge: all quiet.
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function byEmail(email: string) {
  return prisma.$queryRawUnsafe('SELECT * FROM "User" WHERE "email" = $1', email); // unique index
}

export async function byId(id: number) {
  return prisma.$queryRawUnsafe('SELECT * FROM "User" WHERE "id" = $1', id); // primary key
}

export async function postsOf(authorId: number) {
  return prisma.$executeRawUnsafe('DELETE FROM "Post" WHERE "authorId" = $1', authorId); // Post_authorId_idx
}

export async function nameOrEmail(q: string) {
  return prisma.$queryRawUnsafe('SELECT * FROM "User" WHERE "name" = $1 OR "email" = $1', q); // OR: not read
}

export async function audit(actor: string) {
  return prisma.$queryRawUnsafe('SELECT * FROM audit_log WHERE actor = $1', actor); // no schema file declares it
}

export async function fromVariable(sql: string) {
  return prisma.$queryRawUnsafe(sql); // not a literal
}

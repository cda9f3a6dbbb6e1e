// Prisma done right: IN lists, include, createMany, and the batched findUnique.
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function authorsOf(posts: { authorId: number }[]) {
  const ids = posts.map((p) => p.authorId);
  const users = await prisma.user.findMany({ where: { id: { in: ids } } });
  const byId = new Map(users.map((u) => [u.id, u]));
  return posts.map((p) => byId.get(p.authorId));
}

export async function usersById(ids: number[]) {
  // Prisma's dataloader merges findUnique calls started in the same tick into one
  // SELECT ... WHERE id IN (...): this is one query, not N.
  return Promise.all(ids.map((id) => prisma.user.findUnique({ where: { id } })));
}

export async function usersWithPosts() {
  return prisma.user.findMany({ include: { posts: true } });
}

export async function postCounts() {
  const rows = await prisma.post.groupBy({ by: ['authorId'], _count: { _all: true } });
  const counts = new Map<number, number>();
  for (const row of rows) {
    counts.set(row.authorId, row._count._all);
  }
  return counts;
}

export async function addLines(orderId: number, lines: { productId: number; quantity: number }[]) {
  const data = [];
  for (const line of lines) {
    data.push({ orderId, productId: line.productId, quantity: line.quantity });
  }
  await prisma.orderLine.createMany({ data });
}

export async function archive(ids: number[]) {
  await prisma.post.updateMany({ where: { id: { in: ids } }, data: { archived: true } });
}

export async function perRole() {
  const counts: Record<string, number> = {};
  for (const role of ['admin', 'editor', 'viewer']) {
    counts[role] = await prisma.user.count({ where: { role } });
  }
  return counts;
}

export function lookups(users: { id: number; managerId: number }[]) {
  const byId = new Map(users.map((u) => [u.id, u]));
  const names: string[] = [];
  for (const user of users) {
    const manager = users.find((u) => u.id === user.managerId);
    const again = byId.get(user.managerId);
    names.push(String(manager ?? again));
  }
  return names;
}

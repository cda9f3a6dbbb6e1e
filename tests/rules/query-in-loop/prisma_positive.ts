// Prisma: one query per element, sequential or concurrent.
import { PrismaClient, Prisma } from '@prisma/client';

const prisma = new PrismaClient();

interface LineInput {
  productId: number;
  quantity: number;
}

export async function authorsOf(posts: { authorId: number }[]) {
  const authors = [];
  for (const post of posts) {
    // awaited one at a time: Prisma cannot batch these
    authors.push(await prisma.user.findUnique({ where: { id: post.authorId } })); // expect: query-in-loop
  }
  return authors;
}

export async function latestPosts(userIds: number[]) {
  // concurrent, but still one query per id (findFirst is not batched)
  return Promise.all(
    userIds.map((id) => prisma.post.findFirst({ where: { authorId: id }, orderBy: { createdAt: 'desc' } })), // expect: query-in-loop
  );
}

export async function postCounts(userIds: number[]) {
  const counts = new Map<number, number>();
  for (const id of userIds) {
    counts.set(id, await prisma.post.count({ where: { authorId: id } })); // expect: query-in-loop
  }
  return counts;
}

export async function addLines(orderId: number, lines: LineInput[]) {
  for (const line of lines) {
    await prisma.orderLine.create({ data: { orderId, productId: line.productId, quantity: line.quantity } }); // expect: query-in-loop
  }
}

export async function renameAll(renames: Record<number, string>) {
  for (const [id, name] of Object.entries(renames)) {
    await prisma.user.update({ where: { id: Number(id) }, data: { name } }); // expect: query-in-loop
  }
}

export async function ordersOfUsers(userIds: number[]) {
  const result: Prisma.OrderGetPayload<{}>[][] = [];
  await Promise.all(
    userIds.map(async (userId) => {
      result.push(await prisma.order.findMany({ where: { userId } })); // expect: query-in-loop
    }),
  );
  return result;
}

export async function rawTotals(orderIds: number[]) {
  const totals = [];
  for (const id of orderIds) {
    totals.push(await prisma.$queryRaw`SELECT SUM(price) FROM order_line WHERE order_id = ${id}`); // expect: query-in-loop
  }
  return totals;
}

export async function restock(items: { sku: string; qty: number }[]) {
  await prisma.$transaction(async (tx) => {
    for (const item of items) {
      await tx.product.update({ where: { sku: item.sku }, data: { stock: { increment: item.qty } } }); // expect: query-in-loop
    }
  });
}

export async function visitAll(ids: number[]) {
  let i = 0;
  do {
    await prisma.user.upsert({ where: { id: ids[i] }, create: { id: ids[i] }, update: {} }); // expect: query-in-loop
    i++;
  } while (i < ids.length);
}

// Prisma Client raw queries ($queryRaw, $queryRawUnsafe, $executeRaw,
// $executeRawUnsafe), as tagged templates and as calls, run one query each.
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function sums(orderIds: number[]) {
  const out = [];
  for (const id of orderIds) {
    out.push(await prisma.$queryRawUnsafe('SELECT SUM(price) FROM order_line WHERE order_id = $1', id)); // expect: query-in-loop
  }
  return out;
}

export async function touch(userIds: number[]) {
  for (const id of userIds) {
    await prisma.$executeRaw`UPDATE users SET seen_at = now() WHERE id = ${id}`; // expect: query-in-loop
  }
}

export async function purge(tables: string[]) {
  for (const t of tables) {
    await prisma.$executeRawUnsafe(`DELETE FROM ${t} WHERE expired`); // expect: query-in-loop
  }
}

export class Reports {
  constructor(private readonly prisma: PrismaClient) {}

  async counts(days: string[]) {
    return Promise.all(days.map((d) => this.prisma.$queryRaw`SELECT count(*) FROM events WHERE day = ${d}`)); // expect: query-in-loop
  }

  // One query for all the days: quiet.
  async countsAtOnce(days: string[]) {
    return this.prisma.$queryRaw`SELECT day, count(*) FROM events WHERE day = ANY(${days}) GROUP BY day`;
  }
}

// Outside any loop: quiet.
export async function total() {
  return prisma.$queryRawUnsafe('SELECT SUM(price) FROM order_line');
}

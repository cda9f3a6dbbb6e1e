import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export default async function handler(req, res) {
  res.json({ total: await prisma.order.count() }); // expect: full-table-count
}

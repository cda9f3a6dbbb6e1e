import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function GET() {
  return Response.json({ total: await prisma.user.count() }); // expect: full-table-count
}

export async function POST() {
  return Response.json({ total: await prisma.user.count({ where: { admin: true } }) });
}

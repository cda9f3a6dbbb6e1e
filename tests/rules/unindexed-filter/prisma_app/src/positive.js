// Prisma Client queries whose filter no index of prisma/schema.prisma covers.
const { PrismaClient } = require('@prisma/client');

const prisma = new PrismaClient();

async function byStatus(status) {
  // status is the second column of @@index([orgId, status]): not its leading column
  return prisma.user.findMany({ where: { status } }); // expect: unindexed-filter
}

async function byName(n) {
  return prisma.user.findFirst({ where: { name: n } }); // expect: unindexed-filter
}

async function countTitled(t) {
  return prisma.post.count({ where: { title: t } }); // expect: unindexed-filter
}

async function bySlugAlone(s) {
  // slug is second in @@unique([tenantId, slug])
  return prisma.post.findMany({ where: { slug: s } }); // expect: unindexed-filter
}

async function newest() {
  return prisma.user.findMany({ orderBy: { createdAt: 'desc' }, take: 20 }); // expect: unindexed-filter
}

async function resetUnread() {
  return prisma.post.updateMany({ where: { views: 0 }, data: { views: 1 } }); // expect: unindexed-filter
}

async function orgNamed(name) {
  return prisma.org.findFirst({ where: { name } }); // expect: unindexed-filter
}

async function purge(cutoff) {
  return prisma.post.deleteMany({ where: { updatedAt: { lt: cutoff } } }); // expect: unindexed-filter
}

module.exports = { byStatus, byName, countTitled, bySlugAlone, newest, resetUnread, orgNamed, purge };

// Prisma Client queries an index serves, or that the rule cannot judge: quiet.
const { PrismaClient } = require('@prisma/client');

const prisma = new PrismaClient();

async function quiet(email, id, orgId, status, t, a, q, c, filters, base, n) {
  await prisma.user.findMany({ where: { email } }); // @unique
  await prisma.user.findUnique({ where: { id } }); // unique by construction
  await prisma.user.findMany({ where: { orgId, status } }); // leading column of @@index([orgId, status])
  await prisma.user.findMany({ where: { orgId } }); // the leading column alone
  await prisma.post.findMany({ where: { tenantId: t } }); // leading column of @@unique([tenantId, slug])
  await prisma.post.findMany({ where: { authorId: a, title: t } }); // one indexed condition finds the rows
  await prisma.post.findMany({ where: { published: true } }); // a boolean: an index would not help
  await prisma.user.findMany({ where: { OR: [{ name: n }, { status }] } }); // OR: not read
  await prisma.post.findMany({ where: { category: c } }); // @@index([category(sort: Desc)])
  await prisma.user.findMany({ where: { name: { contains: q } } }); // contains: no ordinary index serves it
  await prisma.user.findMany({ where: filters }); // not an object literal: unknown
  await prisma.user.findMany({ where: { ...base, name: n } }); // a spread may hold any key
  await prisma.user.findMany({ orderBy: { email: 'asc' } }); // sorted by a unique column
  await prisma.user.findMany({ where: { orgId }, orderBy: { createdAt: 'desc' } }); // indexed filter, then sort
  await prisma.user.findMany({ where: { org: { slug: q } } }); // a relation filter: the other table decides
  await prisma.customer.findMany({ where: { name: n } }); // no such model in the schema
  await prisma.user.create({ data: { name: n, email, status, orgId } });
  await prisma.user.findMany({ take: 10 });
  await prisma.post.update({ where: { id }, data: { views: 2 } });
  await prisma.org.findMany({ where: { slug: q } }); // @unique
}

module.exports = { quiet };

// Code that looks like a query in a loop but is not one.
import Redis from 'ioredis';
import { PrismaClient } from '@prisma/client';

const redis = new Redis();
const prisma = new PrismaClient();

interface Row {
  id: number;
  email: string;
}

export class UsersController {
  constructor(private readonly usersService: { findAll(): Promise<Row[]>; findOne(id: number): Promise<Row> }) {}

  async list(ids: number[]) {
    // the project's own service: followed by the call graph, not guessed from the name
    const out = [];
    for (const id of ids) {
      out.push(await this.usersService.findOne(id));
    }
    return out;
  }
}

export async function cached(ids: number[]) {
  const values = [];
  for (const id of ids) {
    values.push(await redis.get(`user:${id}`));
    await redis.expire(`user:${id}`, 60);
  }
  return values;
}

export async function rowsNotBuilders(teams: { id: number }[]) {
  const rows = await prisma.user.findMany();
  const counts: Record<number, number> = {};
  for (const team of teams) {
    counts[team.id] = rows.filter((r) => r.teamId === team.id).length;
    const first = rows.find((r) => r.teamId === team.id);
    if (first) counts[team.id] += 1;
  }
  return counts;
}

export function defineOnly(ids: number[]) {
  // functions made in the loop, never called in it
  const loaders: Array<() => Promise<unknown>> = [];
  for (const id of ids) {
    loaders.push(async () => prisma.user.findUnique({ where: { id } }));
    loaders.push(function load() {
      return prisma.post.findMany({ where: { authorId: id } });
    });
  }
  return loaders;
}

export async function transactionBatches(chunks: Row[][]) {
  for (const chunk of chunks) {
    // one statement per chunk of rows: the batching is the fix. Known false positive: the
    // JS model does not record object-literal values yet, so `{ data: chunk }` cannot be
    // told from `{ data: [row] }` (a bulk call per row).
    await prisma.user.createMany({ data: chunk }); // todo-ok: query-in-loop
  }
}

export function strings(rows: Row[]) {
  const out: string[] = [];
  for (const row of rows) {
    out.push(row.email.toLowerCase().split('@')[1].replace('.', '_'));
    out.push(JSON.stringify(row));
    out.push(Object.keys(row).join(','));
  }
  return out;
}

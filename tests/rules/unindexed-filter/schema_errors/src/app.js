const { PrismaClient } = require('@prisma/client');
const { Pool } = require('pg');

const prisma = new PrismaClient();
const pool = new Pool();

async function run(owner, serial, label, state) {
  await prisma.account.findMany({ where: { owner } }); // the schema file did not parse: quiet
  await prisma.device.findMany({ where: { serial } }); // expect: unindexed-filter
  await prisma.device.findMany({ where: { label } });
  await pool.query('SELECT * FROM tickets WHERE state = $1', [state]); // a migration did not parse: quiet
}

module.exports = { run };

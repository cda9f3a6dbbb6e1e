// Knex and Objection done right: whereIn, one insert of many rows, withGraphFetched.
const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });
const { Model } = require('objection');

class Person extends Model {
  static get tableName() {
    return 'persons';
  }

  static get relationMappings() {
    return {};
  }
}

async function ownersOf(pets) {
  const ids = pets.map((p) => p.ownerId);
  const owners = await knex('persons').whereIn('id', ids);
  const byId = new Map(owners.map((o) => [o.id, o]));
  return pets.map((p) => byId.get(p.ownerId));
}

async function insertAll(rows) {
  await knex('events').insert(rows.map((row) => ({ kind: row.kind, payload: row.payload })));
}

async function insertChunks(chunks) {
  for (const chunk of chunks) {
    await knex.batchInsert('events', chunk, 500);
  }
}

async function peopleWithPets() {
  return Person.query().withGraphFetched('pets');
}

function buildOnly(filters) {
  // the builder is composed in the loop and run once, after it
  const query = knex('persons');
  for (const [column, value] of Object.entries(filters)) {
    query.where(column, value);
  }
  return query;
}

async function perKind() {
  const counts = {};
  for (const kind of ['click', 'view']) {
    counts[kind] = await knex('events').where({ kind }).count('* as n').first();
  }
  return counts;
}

module.exports = { ownersOf, insertAll, insertChunks, peopleWithPets, buildOnly, perKind };

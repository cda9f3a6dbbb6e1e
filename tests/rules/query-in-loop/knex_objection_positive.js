// Knex builders and Objection models: thenables that run when awaited.
const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });
const { Model } = require('objection');

Model.knex(knex);

class Person extends Model {
  static get tableName() {
    return 'persons';
  }
}

class Pet extends Model {
  static get tableName() {
    return 'pets';
  }
}

async function ownersOf(pets) {
  const owners = [];
  for (const pet of pets) {
    owners.push(await knex('persons').where({ id: pet.ownerId }).first()); // expect: query-in-loop
  }
  return owners;
}

async function insertEach(rows, trx) {
  for (const row of rows) {
    await trx('events').insert({ kind: row.kind, payload: row.payload }); // expect: query-in-loop
  }
}

async function bumpAll(ids) {
  for (const id of ids) {
    await knex('counters').where('id', id).increment('hits', 1); // expect: query-in-loop
  }
}

async function namesViaRaw(ids) {
  const names = [];
  for (const id of ids) {
    const result = await knex.raw('select name from persons where id = ?', [id]); // expect: query-in-loop
    names.push(result.rows[0].name);
  }
  return names;
}

async function selectFrom(ids) {
  return Promise.all(ids.map((id) => knex.select('name').from('persons').where({ id }))); // expect: query-in-loop
}

async function petsOf(people) {
  const out = {};
  for (const person of people) {
    out[person.id] = await Pet.query().where('ownerId', person.id); // expect: query-in-loop
  }
  return out;
}

async function personById(ids) {
  const out = [];
  for (const id of ids) {
    out.push(await Person.query().findById(id)); // expect: query-in-loop
  }
  return out;
}

async function renamePets(renames) {
  for (const { id, name } of renames) {
    await Pet.query().patch({ name }).where('id', id); // expect: query-in-loop
  }
}

module.exports = { ownersOf, insertEach, bumpAll, namesViaRaw, selectFrom, petsOf, personById, renamePets };

// The MongoDB Node.js driver, and pg-promise: one round trip per element vs one $in / ANY.
const { MongoClient } = require('mongodb');
const pgp = require('pg-promise')();

const client = new MongoClient(process.env.MONGO_URL);
const db = pgp(process.env.DATABASE_URL);

async function ordersOf(customerIds) {
  const orders = client.db('shop').collection('orders');
  const out = [];
  for (const id of customerIds) {
    out.push(await orders.findOne({ customerId: id })); // expect: query-in-loop
    out.push(await client.db('shop').collection('orders').find({ customerId: id }).toArray()); // expect: query-in-loop
  }
  return out;
}

async function markShipped(ids) {
  const ordersCollection = client.db('shop').collection('orders');
  for (const id of ids) {
    await ordersCollection.updateOne({ _id: id }, { $set: { shipped: true } }); // expect: query-in-loop
  }
}

async function emails(ids) {
  const out = [];
  for (const id of ids) {
    out.push(await db.oneOrNone('SELECT email FROM users WHERE id = $1', [id])); // expect: query-in-loop
  }
  return out;
}

async function ordersOfFast(customerIds) {
  return client.db('shop').collection('orders').find({ customerId: { $in: customerIds } }).toArray();
}

async function markShippedFast(ids) {
  await client.db('shop').collection('orders').updateMany({ _id: { $in: ids } }, { $set: { shipped: true } });
}

async function emailsFast(ids) {
  return db.any('SELECT id, email FROM users WHERE id = ANY($1)', [ids]);
}

async function iterateCursor() {
  const seen = [];
  for await (const doc of client.db('shop').collection('orders').find({})) {
    seen.push(doc._id);
  }
  return seen;
}

module.exports = { ordersOf, markShipped, emails, ordersOfFast, markShippedFast, emailsFast, iterateCursor };

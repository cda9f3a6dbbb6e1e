// One finding per N+1: a relation read on loop rows is lazy-load-in-loop's when the
// rows did not load it, query-in-loop's when they did but the call queries anyway.
const { Order, Post } = require("./models");

async function getterNotIncluded() {
  for (const o of await Order.findAll()) {
    await o.getCustomer(); // expect: lazy-load-in-loop
  }
}

async function getterToManyConcurrently() {
  const orders = await Order.findAll();
  return Promise.all(orders.map((o) => o.getWatchers())); // expect: lazy-load-in-loop
}

async function getterAfterInclude() {
  const orders = await Order.findAll({ include: ["customer"] });
  for (const o of orders) {
    await o.getCustomer(); // expect: query-in-loop
  }
}

async function readIncluded() {
  const orders = await Order.findAll({ include: ["customer"] });
  return orders.map((o) => o.customer.name);
}

async function otherQueryInLoop() {
  for (const o of await Order.findAll()) {
    await o.reload(); // expect: query-in-loop
  }
}

async function populateNotLoaded() {
  for (const p of await Post.find({ title: "x" })) {
    await p.populate("author"); // expect: lazy-load-in-loop
  }
}

async function populateAgain() {
  for (const p of await Post.find({ title: "x" }).populate("author")) {
    await p.populate("author"); // expect: query-in-loop
  }
}

async function populateWithAVirtual() {
  for (const p of await Post.find({ title: "x" })) {
    await p.populate("author likes"); // expect: lazy-load-in-loop
  }
  for (const p of await Post.find({ title: "x" }).populate("author")) {
    await p.populate("author likes"); // expect: query-in-loop
  }
}

async function loadsUnknown(opts) {
  for (const o of await Order.findAll(opts)) {
    await o.getCustomer(); // expect: query-in-loop
  }
}

module.exports = {
  getterNotIncluded, getterToManyConcurrently, getterAfterInclude, readIncluded, otherQueryInLoop,
  populateNotLoaded, populateAgain, populateWithAVirtual, loadsUnknown,
};

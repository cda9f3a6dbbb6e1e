// Filters and sorts that no index serves.
const { Op } = require("sequelize");
const { User, Order, Invoice } = require("./models");

async function byStatus(status) {
  return User.findAll({ where: { status } }); // expect: unindexed-filter
}

async function newest() {
  return User.findAll({ order: [["createdAt", "DESC"]], limit: 20 }); // expect: unindexed-filter
}

async function byPlan(plan) {
  return User.count({ where: { plan } }); // expect: unindexed-filter
}

async function byHandle(handle) {
  return User.findOne({ where: { handle } }); // expect: unindexed-filter
}

async function ordersOfUser(userId) {
  return Order.findAll({ where: { userId } }); // expect: unindexed-filter
}

async function invoicesByState(state) {
  return Invoice.findAndCountAll({ where: { state }, limit: 10 }); // expect: unindexed-filter
}

async function byName(name) {
  return User.findAll({ where: { name } }); // expect: unindexed-filter
}

module.exports = { byName, byStatus, newest, byPlan, byHandle, ordersOfUser, invoicesByState, Op };

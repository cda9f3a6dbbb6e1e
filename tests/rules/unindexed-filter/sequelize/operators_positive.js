// Sequelize operator objects: the column is the plain key, the operator a computed key.
// An index serves eq / in / gt / gte / lt / lte / between, so without one they are reported.
const { Op, Sequelize } = require("sequelize");
const { User, Order, Invoice } = require("./models");

async function totalsAbove(total) {
  return Order.findAll({ where: { total: { [Op.gt]: total } } }); // expect: unindexed-filter
}

async function createdSince(since) {
  return User.findAll({ where: { createdAt: { [Op.gte]: since } } }); // expect: unindexed-filter
}

async function statusesIn(statuses) {
  return User.count({ where: { status: { [Op.in]: statuses } } }); // expect: unindexed-filter
}

async function stateBetween(a, b) {
  return Invoice.findOne({ where: { state: { [Sequelize.Op.between]: [a, b] } } }); // expect: unindexed-filter
}

module.exports = { totalsAbove, createdSince, statusesIn, stateBetween };

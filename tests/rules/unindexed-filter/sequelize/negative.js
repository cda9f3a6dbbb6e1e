// Indexed lookups, conditions an index would not serve, and queries headroom cannot read.
const { Op, Sequelize } = require("sequelize");
const { User, Order, Invoice } = require("./models");
const { Widget } = require("widgets-sdk");

async function byEmail(email) {
  return User.findOne({ where: { email } });
}

async function byId(id) {
  return User.findAll({ where: { id } });
}

async function byPk(id) {
  return User.findByPk(id);
}

async function byRegion(region, status) {
  return User.findAll({ where: { region, status } });
}

async function byTenant(tenantId) {
  return User.findAll({ where: { tenantId } });
}

async function activeOnly() {
  return User.findAll({ where: { active: true } });
}

async function indexedOperators(emails, since, id) {
  await User.findAll({ where: { email: { [Op.in]: emails } } });
  await User.findAll({ where: { region: { [Op.eq]: "eu" } } });
  await User.findAll({ where: { id: { [Op.gte]: id, [Op.lt]: id + 100 } } });
  return Invoice.findAll({ where: { number: { [Sequelize.Op.between]: ["A", "B"] } } });
}

async function operatorsNoIndexServes(status, name) {
  // != and LIKE '%x%' read the table whatever the indexes: not this rule's finding
  await User.findAll({ where: { status: { [Op.ne]: status } } });
  await User.findAll({ where: { name: { [Op.like]: `%${name}%` } } });
  return User.findAll({ where: { plan: { [Op.notIn]: ["free"] } } });
}

async function operatorsHeadroomCannotRead(key, status) {
  await User.findAll({ where: { status: { [key]: status } } }); // a computed key that is no operator
  await User.findAll({ where: { status: { [Op.someNewOperator]: status } } });
  return User.findAll({ where: { [Op.or]: [{ status }, { plan: status }] } });
}

async function optionsInAVariable(opts) {
  return User.findAll(opts);
}

async function orderByCode() {
  return Order.findAll({ order: [["code", "ASC"]] });
}

async function invoiceByNumber(number) {
  return Invoice.findOne({ where: { number } });
}

async function unknownModel(status) {
  return Widget.findAll({ where: { status } });
}

async function everything() {
  return User.findAll();
}

module.exports = { byEmail, byId, byPk, byRegion, byTenant, activeOnly, indexedOperators, operatorsNoIndexServes, operatorsHeadroomCannotRead, optionsInAVariable, orderByCode, invoiceByNumber, unknownModel, everything };

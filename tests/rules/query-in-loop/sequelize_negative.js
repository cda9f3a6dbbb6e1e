// Sequelize done right: one query before the loop, bulk writes after it.
const { Sequelize, DataTypes, Model, Op } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL);

class Customer extends Model {}
Customer.init({ name: DataTypes.STRING, email: DataTypes.STRING }, { sequelize });

class Order extends Model {}
Order.init({ status: DataTypes.STRING, total: DataTypes.DECIMAL }, { sequelize });

const Invoice = sequelize.define('Invoice', { number: DataTypes.STRING, paid: DataTypes.BOOLEAN });

class Account extends Model {
  getDisplayName() {
    return `${this.firstName} ${this.lastName}`;
  }

  hasRole(role) {
    return this.roles.includes(role);
  }
}
Account.init({ firstName: DataTypes.STRING, lastName: DataTypes.STRING }, { sequelize });

Order.belongsTo(Customer);
Customer.hasMany(Order);

async function customerNames(orders) {
  const ids = orders.map((o) => o.customerId);
  const customers = await Customer.findAll({ where: { id: ids } });
  const byId = new Map(customers.map((c) => [c.id, c]));
  const names = [];
  for (const order of orders) {
    names.push(byId.get(order.customerId).name);
  }
  return names;
}

async function ordersWithCustomers() {
  // include: one query with a JOIN
  const orders = await Order.findAll({ include: Customer, where: { status: 'new' } });
  return orders.map((order) => ({ id: order.id, customer: order.Customer.name }));
}

async function customersByIds(ids) {
  return Customer.findAll({ where: { id: { [Op.in]: ids } } });
}

async function importOrders(rows) {
  const records = [];
  for (const row of rows) {
    records.push({ status: 'new', total: row.total, customerId: row.customerId });
  }
  await Order.bulkCreate(records);
}

async function importInBatches(batches) {
  // one INSERT per batch of rows: the batching is the fix
  for (const batch of batches) {
    await Order.bulkCreate(batch);
  }
}

async function markPaid(invoiceNumbers) {
  await Invoice.update({ paid: true }, { where: { number: invoiceNumbers } });
}

async function orderCounts() {
  const rows = await Order.findAll({
    attributes: ['customerId', [sequelize.fn('COUNT', sequelize.col('id')), 'n']],
    group: ['customerId'],
    raw: true,
  });
  const counts = {};
  for (const row of rows) {
    counts[row.customerId] = row.n;
  }
  return counts;
}

async function findOpen(ids) {
  for (const id of ids) {
    // returned: runs once
    return Order.findOne({ where: { id, status: 'open' } });
  }
  return null;
}

async function perStatus() {
  const result = {};
  for (const status of ['new', 'paid', 'shipped']) {
    result[status] = await Order.count({ where: { status } });
  }
  return result;
}

function makeLoaders(ids) {
  const loaders = [];
  for (const id of ids) {
    // defined in the loop, not called in it
    loaders.push(() => Order.findByPk(id));
  }
  return loaders;
}

function plainObjects(orders) {
  const totals = new Map();
  for (const order of orders) {
    const current = totals.get(order.customerId) || 0;
    totals.set(order.customerId, current + order.total);
    const row = orders.find((o) => o.id === order.parentId);
    if (row) {
      row.children = (row.children || 0) + 1;
    }
    order.get('total');
    order.getDataValue('status');
  }
  return totals;
}

async function displayNames() {
  const accounts = await Account.findAll();
  const names = [];
  for (const account of accounts) {
    // the model's own methods, not association accessors
    if (account.hasRole('admin')) names.push(account.getDisplayName());
  }
  return names;
}

module.exports = {
  displayNames,
  customerNames, ordersWithCustomers, customersByIds, importOrders, importInBatches, markPaid,
  orderCounts, findOpen, perStatus, makeLoaders, plainObjects,
};

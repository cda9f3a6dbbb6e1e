const Order = require('./order');
const Customer = require('./customer');
const Line = require('./line');

Customer.hasMany(Order);
Order.belongsTo(Customer);
Order.hasMany(Line);

module.exports = { Order, Customer, Line };

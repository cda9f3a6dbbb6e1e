// Every model, with its associations, from one place: `require('../models')`.
const Customer = require('./customer');
const Order = require('./order');
const Product = require('./product');
const OrderLine = require('./orderLine');
const Setting = require('./setting');

Customer.hasMany(Order);
Order.belongsTo(Customer);
Order.hasMany(OrderLine);
OrderLine.belongsTo(Order);
OrderLine.belongsTo(Product);

module.exports = { Customer, Order, Product, OrderLine, Setting };

// Sequelize models with associations.
const { DataTypes, Model } = require("sequelize");
const sequelize = require("./db");

class Customer extends Model {}
Customer.init({ name: DataTypes.STRING }, { sequelize });

class Order extends Model {}
Order.init({ status: DataTypes.STRING }, { sequelize });

Order.belongsTo(Customer, { as: "customer" });
Customer.hasMany(Order, { as: "orders" });

module.exports = { Customer, Order };

const { Model, DataTypes } = require('sequelize');
const sequelize = require('../db');

class Order extends Model {}

Order.init(
  {
    status: { type: DataTypes.STRING, allowNull: false, defaultValue: 'new' },
    total: { type: DataTypes.DECIMAL(10, 2), allowNull: false, defaultValue: 0 },
  },
  { sequelize, modelName: 'order' },
);

module.exports = Order;

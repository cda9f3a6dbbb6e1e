const { Model, DataTypes } = require('sequelize');
const sequelize = require('../db');

class Order extends Model {}

Order.init(
  {
    status: { type: DataTypes.STRING, allowNull: false },
    total: DataTypes.DECIMAL(10, 2),
  },
  { sequelize, modelName: 'order' },
);

module.exports = Order;

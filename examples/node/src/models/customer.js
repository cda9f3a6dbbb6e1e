const { Model, DataTypes } = require('sequelize');
const sequelize = require('../db');

class Customer extends Model {}

Customer.init(
  {
    name: { type: DataTypes.STRING, allowNull: false },
    email: { type: DataTypes.STRING, allowNull: false, unique: true },
  },
  { sequelize, modelName: 'customer' },
);

module.exports = Customer;

const { DataTypes } = require('sequelize');
const sequelize = require('../db');

const Customer = sequelize.define('customer', {
  name: DataTypes.STRING,
  email: { type: DataTypes.STRING, unique: true },
});

module.exports = Customer;

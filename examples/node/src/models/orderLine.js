const { DataTypes } = require('sequelize');
const sequelize = require('../db');

module.exports = sequelize.define('orderLine', {
  quantity: { type: DataTypes.INTEGER, allowNull: false },
  price: DataTypes.DECIMAL(10, 2),
});

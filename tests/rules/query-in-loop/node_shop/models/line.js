const { DataTypes } = require('sequelize');
const sequelize = require('../db');

module.exports = sequelize.define('line', {
  sku: DataTypes.STRING,
  quantity: DataTypes.INTEGER,
});

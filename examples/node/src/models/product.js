const { DataTypes } = require('sequelize');
const sequelize = require('../db');

// Defined with sequelize.define(): a model all the same.
const Product = sequelize.define('product', {
  sku: { type: DataTypes.STRING, allowNull: false, unique: true },
  name: DataTypes.STRING,
  price: DataTypes.DECIMAL(10, 2),
  stock: { type: DataTypes.INTEGER, defaultValue: 0 },
});

module.exports = Product;

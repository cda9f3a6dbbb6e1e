const { Model } = require('sequelize');

class Product extends Model {}

module.exports = { Product };

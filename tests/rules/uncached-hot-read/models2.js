const { Model } = require('sequelize');

class Category extends Model {}

module.exports = { Category };

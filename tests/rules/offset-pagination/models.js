const { Model } = require('sequelize');

class Order extends Model {}

module.exports = { Order };

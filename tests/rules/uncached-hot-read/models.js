const { Model } = require('sequelize');

class Setting extends Model {}

module.exports = { Setting };

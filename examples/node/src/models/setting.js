const { DataTypes } = require('sequelize');
const sequelize = require('../db');

const Setting = sequelize.define('setting', {
  key: { type: DataTypes.STRING, primaryKey: true },
  value: DataTypes.STRING,
});

module.exports = Setting;

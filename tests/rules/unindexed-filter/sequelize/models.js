// Sequelize models: unique and primary key attributes, composite indexes, a define() model.
const { DataTypes, Model } = require("sequelize");
const sequelize = require("./db");

class User extends Model {}
User.init(
  {
    email: { type: DataTypes.STRING, unique: true, allowNull: false },
    status: DataTypes.STRING,
    name: DataTypes.STRING,
    region: DataTypes.STRING,
    plan: DataTypes.STRING,
    active: DataTypes.BOOLEAN,
    tenantId: { type: DataTypes.INTEGER, unique: "tenant_handle" },
    handle: { type: DataTypes.STRING, unique: "tenant_handle" },
  },
  { sequelize, tableName: "users", indexes: [{ fields: ["region", "plan"] }, { fields: ["name"], where: { active: true } }] }
);

class Order extends Model {}
Order.init({ code: { type: DataTypes.STRING, primaryKey: true }, total: DataTypes.DECIMAL }, { sequelize });
Order.belongsTo(User, { as: "user", foreignKey: "userId" });

const Invoice = sequelize.define(
  "Invoice",
  { number: DataTypes.STRING, state: DataTypes.STRING },
  { indexes: [{ unique: true, fields: ["number"] }] }
);

module.exports = { User, Order, Invoice };

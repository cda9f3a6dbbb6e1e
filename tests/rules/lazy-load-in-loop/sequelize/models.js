// Sequelize models: classes with init() and models made by sequelize.define().
const { DataTypes, Model } = require("sequelize");
const sequelize = require("./db");

class Customer extends Model {}
Customer.init({ name: DataTypes.STRING, email: { type: DataTypes.STRING, unique: true } }, { sequelize });

class Order extends Model {
  static associate() {
    this.belongsTo(Customer, { as: "customer", foreignKey: "customerId" });
  }
}
Order.init(
  { status: DataTypes.STRING, total: DataTypes.DECIMAL },
  { sequelize, tableName: "orders", indexes: [{ fields: ["status"] }] }
);

const Line = sequelize.define("Line", { quantity: DataTypes.INTEGER });
const Product = sequelize.define("Product", { title: DataTypes.STRING });

class Tag extends Model {}
Tag.init({ label: DataTypes.STRING }, { sequelize });

Order.hasMany(Line, { as: "lines", foreignKey: "orderId" });
Line.belongsTo(Order, { as: "order" });
Line.belongsTo(Product, { as: "product" });
Order.belongsToMany(Tag, { through: "OrderTags", as: "tags" });
Customer.hasMany(Order, { as: "orders", foreignKey: "customerId" });
Customer.hasOne(Product, { as: "favorite" });

module.exports = { Customer, Order, Line, Product, Tag };

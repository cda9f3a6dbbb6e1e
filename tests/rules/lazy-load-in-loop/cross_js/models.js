// Sequelize and Mongoose models for the cross-rule project (every rule is judged here).
const { DataTypes, Model, Sequelize } = require("sequelize");
const mongoose = require("mongoose");

const sequelize = new Sequelize(process.env.DATABASE_URL);

class Customer extends Model {}
Customer.init({ name: DataTypes.STRING }, { sequelize });

class Order extends Model {}
Order.init({ status: DataTypes.STRING }, { sequelize, indexes: [{ fields: ["status"] }] });

Order.belongsTo(Customer, { as: "customer", foreignKey: "customerId" });
Order.hasMany(Customer, { as: "watchers" });

const userSchema = new mongoose.Schema({ name: String });
const postSchema = new mongoose.Schema({
  title: { type: String, index: true },
  author: { type: mongoose.Schema.Types.ObjectId, ref: "User" },
});
const User = mongoose.model("User", userSchema);
const Post = mongoose.model("Post", postSchema);

module.exports = { Customer, Order, User, Post };

// sequelize-cli style: associations made on the db object in another file.
const db = {};
db.Customer = require("./shop").Customer;
db.User = require("./users").User;
db.Customer.hasMany(db.User, { as: "staff", foreignKey: "employerId" });
module.exports = db;

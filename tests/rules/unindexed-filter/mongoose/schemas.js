// Schemas in their own file: models.js makes the models.
const mongoose = require("mongoose");

const userSchema = new mongoose.Schema(
  {
    email: { type: String, unique: true },
    username: { type: String, index: true },
    status: String,
    city: String,
    country: String,
    age: Number,
    banned: Boolean,
  },
  { timestamps: true }
);
userSchema.index({ country: 1, city: 1 });

module.exports = { userSchema };

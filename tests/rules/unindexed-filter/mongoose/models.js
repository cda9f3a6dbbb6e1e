const mongoose = require("mongoose");
const { userSchema } = require("./schemas");

const eventSchema = new mongoose.Schema({ kind: String, at: Date, user: { type: mongoose.Schema.Types.ObjectId, ref: "User" } });
eventSchema.index({ at: -1 });

const User = mongoose.model("User", userSchema);
const Event = mongoose.model("Event", eventSchema);

module.exports = { User, Event };

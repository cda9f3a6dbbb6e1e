// Mongoose filters and sorts that no index serves.
const { User, Event } = require("./models");

async function byStatus(status) {
  return User.find({ status }); // expect: unindexed-filter
}

async function oneByCity(city) {
  return User.findOne({ city }); // expect: unindexed-filter
}

async function countStatus(status) {
  return User.countDocuments({ city: "Oslo", status: status }); // expect: unindexed-filter
}

async function newestUsers() {
  return User.find().sort({ createdAt: -1 }).limit(20); // expect: unindexed-filter
}

async function adults() {
  return User.find({ age: { $gte: 18 } }); // expect: unindexed-filter
}

async function eventsOfKind(kind) {
  return Event.find({ kind }).sort("-kind").limit(5); // expect: unindexed-filter
}

async function eventsOfUser(user) {
  return Event.deleteMany({ user }); // expect: unindexed-filter
}

module.exports = { byStatus, oneByCity, countStatus, newestUsers, adults, eventsOfKind, eventsOfUser };

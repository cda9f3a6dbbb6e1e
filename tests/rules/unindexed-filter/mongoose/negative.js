// Indexed lookups, operators an index would not serve, and models headroom cannot know.
const { User, Event } = require("./models");
const { Audit } = require("audit-sdk");

async function byEmail(email) {
  return User.findOne({ email });
}

async function byId(id) {
  return User.findOne({ _id: id });
}

async function byUsername(username) {
  return User.find({ username });
}

async function byCountry(country, status) {
  return User.find({ country, status });
}

async function notBanned() {
  return User.find({ banned: false });
}

async function search(q) {
  return User.find({ status: { $regex: q } });
}

async function recentEvents() {
  return Event.find().sort({ at: -1 });
}

async function filterInAVariable(filter) {
  return User.find(filter);
}

async function anyOf(a, b) {
  return User.find({ $or: [{ status: a }, { city: b }] });
}

async function unknownModel(status) {
  return Audit.find({ status });
}

module.exports = { byEmail, byId, byUsername, byCountry, notBanned, search, recentEvents, filterInAVariable, anyOf, unknownModel };

async function sortedByIndex(kind) {
  return Event.find({ kind }).sort("-at");
}

module.exports.sortedByIndex = sortedByIndex;

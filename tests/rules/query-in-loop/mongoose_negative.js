// Mongoose done right: $in, populate, insertMany, bulkWrite.
const mongoose = require('mongoose');

const User = mongoose.model('Member', new mongoose.Schema({ email: String, teamId: mongoose.Types.ObjectId }));
const Team = mongoose.model('Squad', new mongoose.Schema({ name: String }));

async function usersById(ids) {
  const users = await User.find({ _id: { $in: ids } });
  const byId = new Map(users.map((u) => [String(u._id), u]));
  return ids.map((id) => byId.get(String(id)));
}

async function teamNames() {
  const users = await User.find().populate('teamId');
  return users.map((u) => u.teamId.name);
}

async function createMany(emails) {
  await User.insertMany(emails.map((email) => ({ email })));
}

async function rename(renames) {
  const ops = [];
  for (const { id, email } of renames) {
    ops.push({ updateOne: { filter: { _id: id }, update: { $set: { email } } } });
  }
  await User.bulkWrite(ops);
}

function queriesBuiltNotRun(teams) {
  // lazy queries built per team and never awaited in the loop
  const queries = [];
  for (const team of teams) {
    queries.push(User.find({ teamId: team._id }));
  }
  return queries.length;
}

async function iterateOnce() {
  const names = [];
  for (const team of await Team.find()) {
    names.push(team.name);
  }
  for await (const user of User.find().cursor()) {
    names.push(user.email);
  }
  return names;
}

function arrays(users, teams) {
  const out = [];
  for (const user of users) {
    const team = teams.find((t) => String(t._id) === String(user.teamId));
    out.push(team ? team.name : null);
  }
  return out;
}

module.exports = { usersById, teamNames, createMany, rename, queriesBuiltNotRun, iterateOnce, arrays };

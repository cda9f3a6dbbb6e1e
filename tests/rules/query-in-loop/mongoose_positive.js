// Mongoose: a query per element; find/findOne run when awaited or exec'd.
const mongoose = require('mongoose');

const userSchema = new mongoose.Schema({ email: String, teamId: mongoose.Types.ObjectId });
const User = mongoose.model('User', userSchema);
const Team = mongoose.model('Team', new mongoose.Schema({ name: String }));

async function usersById(ids) {
  const users = [];
  for (const id of ids) {
    users.push(await User.findById(id)); // expect: query-in-loop
  }
  return users;
}

async function teamNames(users) {
  const names = [];
  for (const user of users) {
    const team = await Team.findOne({ _id: user.teamId }).lean(); // expect: query-in-loop
    names.push(team.name);
  }
  return names;
}

async function membersPerTeam(teams) {
  const out = {};
  for (const team of teams) {
    out[team.id] = await User.find({ teamId: team._id }); // expect: query-in-loop
  }
  return out;
}

function membersExec(teams) {
  return teams.map((team) => User.find({ teamId: team._id }).select('email').exec()); // expect: query-in-loop
}

async function counts(teams) {
  return Promise.all(teams.map((t) => User.countDocuments({ teamId: t._id }))); // expect: query-in-loop
}

async function rename(renames) {
  for (const { id, email } of renames) {
    await User.updateOne({ _id: id }, { $set: { email } }); // expect: query-in-loop
  }
}

async function touchAll(ids) {
  for (const id of ids) {
    const user = await User.findOne({ _id: id }); // expect: query-in-loop
    user.touchedAt = new Date();
    await user.save(); // expect: query-in-loop
  }
}

async function createMany(emails) {
  for (const email of emails) {
    const user = new User({ email });
    await user.save(); // expect: query-in-loop
  }
}

async function teamsThen(users) {
  users.forEach((u) => {
    Team.findOne({ _id: u.teamId }).then((team) => console.log(team.name)); // expect: query-in-loop
  });
}

module.exports = { usersById, teamNames, membersPerTeam, membersExec, counts, rename, touchAll, createMany, teamsThen };

// Models required from their own files: `User` and `Team` are mongoose models.
const User = require('../models/User');
const Team = require('../models/Team');

async function teamOfEachUser(userIds) {
  const out = [];
  for (const id of userIds) {
    const user = await User.findOne({ _id: id }); // expect: query-in-loop
    out.push(await Team.findOne({ _id: user.teamId })); // expect: query-in-loop
  }
  return out;
}

async function membersOf(teams) {
  const out = {};
  for (const team of teams) {
    out[team.id] = await User.find({ teamId: team._id }).lean(); // expect: query-in-loop
  }
  return out;
}

async function teamOfEachUserFast(userIds) {
  const users = await User.find({ _id: { $in: userIds } }).populate('teamId');
  return users.map((u) => u.teamId);
}

async function membersOfFast(teams) {
  const members = await User.find({ teamId: { $in: teams.map((t) => t._id) } }).lean();
  const out = {};
  for (const m of members) {
    (out[m.teamId] = out[m.teamId] || []).push(m);
  }
  return out;
}

module.exports = { teamOfEachUser, membersOf, teamOfEachUserFast, membersOfFast };

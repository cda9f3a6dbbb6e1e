const { Schema, model } = require('mongoose');

const Team = model('Team', new Schema({ name: String }));

module.exports = Team;

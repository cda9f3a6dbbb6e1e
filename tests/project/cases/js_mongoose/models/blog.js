// Mongoose models: refs are ids until populate() loads them.
const mongoose = require("mongoose");
const { postSchema } = require("./schemas");

const userSchema = new mongoose.Schema({ name: String, email: { type: String, unique: true } });
const commentSchema = new mongoose.Schema({ body: String, author: { type: mongoose.Schema.Types.ObjectId, ref: "User" } });

const User = mongoose.model("User", userSchema);
const Comment = mongoose.model("Comment", commentSchema);
const Post = mongoose.model("Post", postSchema);

module.exports = { User, Comment, Post };

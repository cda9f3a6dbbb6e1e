// A helper returning a query, used from other files.
const { Post } = require("./models");

function latestPosts() {
  return Post.find({ published: true }).sort({ createdAt: -1 }).limit(20);
}

function postsWithAuthors() {
  return Post.find().populate("author");
}

module.exports = { latestPosts, postsWithAuthors };

// populate() per document: one query per row and path.
const { Comment, Post } = require("./models");
const { latestPosts } = require("./feed");

async function authors() {
  const posts = await Post.find({ title: "x" });
  for (const post of posts) {
    await post.populate("author"); // expect: lazy-load-in-loop
  }
  return posts;
}

async function commentsOf() {
  const posts = await Post.find();
  await Promise.all(posts.map((p) => p.populate("comments"))); // expect: lazy-load-in-loop
}

async function throughHelper() {
  for (const post of await latestPosts()) {
    await post.populate("author comments"); // expect: lazy-load-in-loop
  }
}

async function commentAuthors() {
  const comments = await Comment.find().lean(false);
  for (const c of comments) {
    await c.populate("author"); // expect: lazy-load-in-loop
  }
}

module.exports = { authors, commentsOf, throughHelper, commentAuthors };

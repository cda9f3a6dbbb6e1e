// populate() on the query, ids read without a query, and rows headroom cannot know.
const { Post } = require("./models");
const { postsWithAuthors } = require("./feed");

async function populatedQuery() {
  const posts = await Post.find().populate("author").populate(["comments"]);
  for (const post of posts) {
    console.log(post.author.name, post.comments.length);
    await post.populate("author");
  }
}

async function populatedByPath() {
  for (const post of await Post.find().populate({ path: "comments", populate: { path: "author" } })) {
    await post.populate("comments");
  }
}

async function throughHelper() {
  for (const post of await postsWithAuthors()) {
    await post.populate("author");
  }
}

async function idsOnly() {
  for (const post of await Post.find()) {
    console.log(post.author, post.title);
  }
}

async function untyped(posts) {
  for (const post of posts) {
    await post.populate("author");
  }
}

module.exports = { populatedQuery, populatedByPath, throughHelper, idsOnly, untyped };

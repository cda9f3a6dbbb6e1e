// The Post schema lives in its own file; models.js imports it.
const { Schema } = require("mongoose");

const postSchema = new Schema(
  {
    title: { type: String, index: true },
    author: { type: Schema.Types.ObjectId, ref: "User" },
    comments: [{ type: Schema.Types.ObjectId, ref: "Comment" }],
    published: Boolean,
  },
  { timestamps: true }
);

module.exports = { postSchema };

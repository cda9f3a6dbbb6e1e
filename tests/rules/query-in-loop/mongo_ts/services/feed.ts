// Models exported with `export const X = model(...)` and `export default mongoose.model(...)`,
// imported through a barrel file.
import { Post, User } from '../models';
import PostModel from '../models/post';

export async function authorsOf(posts: { authorId: string }[]) {
  const authors = [];
  for (const post of posts) {
    authors.push(await User.findOne({ _id: post.authorId })); // expect: query-in-loop
  }
  return authors;
}

export async function postsOf(userIds: string[]) {
  return Promise.all(userIds.map((id) => Post.find({ authorId: id }))); // expect: query-in-loop
}

export async function hasPosts(userIds: string[]) {
  const out: Record<string, boolean> = {};
  for (const id of userIds) {
    out[id] = Boolean(await PostModel.exists({ authorId: id })); // expect: query-in-loop
  }
  return out;
}

export async function authorsOfFast(posts: { authorId: string }[]) {
  return User.find({ _id: { $in: posts.map((p) => p.authorId) } });
}

export async function postsOfFast(userIds: string[]) {
  const posts = await Post.find({ authorId: { $in: userIds } }).lean();
  const byAuthor = new Map<string, unknown[]>();
  for (const post of posts) {
    const list = byAuthor.get(String(post.authorId)) ?? [];
    list.push(post);
    byAuthor.set(String(post.authorId), list);
  }
  return userIds.map((id) => byAuthor.get(id) ?? []);
}

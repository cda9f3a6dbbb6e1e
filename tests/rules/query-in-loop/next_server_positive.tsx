// A Next.js server component and route handler querying per item.
import { PrismaClient } from '@prisma/client';

const db = new PrismaClient();

type Post = { id: number; authorId: number; title: string };

export default async function PostList({ posts }: { posts: Post[] }) {
  const items = await Promise.all(
    posts.map(async (post) => {
      const author = await db.user.findFirst({ where: { id: post.authorId } }); // expect: query-in-loop
      return (
        <li key={post.id}>
          {post.title} by {author?.name}
        </li>
      );
    }),
  );
  return <ul>{items}</ul>;
}

export async function CommentCounts({ posts }: { posts: Post[] }) {
  const rows = [];
  for (const post of posts) {
    const n = await db.comment.count({ where: { postId: post.id } }); // expect: query-in-loop
    rows.push(
      <tr key={post.id}>
        <td>{post.title}</td>
        <td>{n}</td>
      </tr>,
    );
  }
  return <table>{rows}</table>;
}

export async function POST(request: Request) {
  const body: { ids: number[] } = await request.json();
  for (const id of body.ids) {
    await db.post.update({ where: { id }, data: { views: { increment: 1 } } }); // expect: query-in-loop
  }
  return Response.json({ ok: true });
}

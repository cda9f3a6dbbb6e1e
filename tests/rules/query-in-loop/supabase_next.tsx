// A Next.js server component on Supabase: the query builders run when awaited.
import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_KEY!);

type Post = { id: number; author_id: string; title: string };

export default async function Posts({ posts }: { posts: Post[] }) {
  const rows = [];
  for (const post of posts) {
    const { data: author } = await supabase.from('profiles').select('name').eq('id', post.author_id).single(); // expect: query-in-loop
    rows.push(
      <li key={post.id}>
        {post.title} by {author?.name}
      </li>,
    );
  }
  return <ul>{rows}</ul>;
}

export async function PostsFast({ posts }: { posts: Post[] }) {
  const ids = posts.map((p) => p.author_id);
  const { data: authors } = await supabase.from('profiles').select('id, name').in('id', ids);
  const byId = new Map((authors ?? []).map((a) => [a.id, a.name]));
  return (
    <ul>
      {posts.map((post) => (
        <li key={post.id}>
          {post.title} by {byId.get(post.author_id)}
        </li>
      ))}
    </ul>
  );
}

export async function bumpViews(ids: number[]) {
  await Promise.all(ids.map((id) => supabase.rpc('increment_views', { post_id: id }))); // expect: query-in-loop
}

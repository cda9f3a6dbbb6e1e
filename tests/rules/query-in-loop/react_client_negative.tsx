// Client components: array lookups, Maps, fetch and GraphQL clients are not database queries
// (HTTP calls in a loop are another rule's business).
import { useEffect, useState } from 'react';
import { ApolloClient, InMemoryCache, gql } from '@apollo/client';
import axios from 'axios';

const client = new ApolloClient({ uri: '/graphql', cache: new InMemoryCache() });
const GET_USER = gql`query User($id: ID!) { user(id: $id) { id name } }`;

type Item = { id: number; parentId: number | null; name: string };

export function Tree({ items }: { items: Item[] }) {
  const byId = new Map(items.map((i) => [i.id, i]));
  const rows = items.map((item) => {
    const parent = items.find((p) => p.id === item.parentId);
    const same = byId.get(item.id);
    return (
      <li key={item.id}>
        {item.name} {parent?.name} {same?.name}
      </li>
    );
  });
  return <ul>{rows}</ul>;
}

export function Users({ ids }: { ids: number[] }) {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    (async () => {
      const out: string[] = [];
      for (const id of ids) {
        const res = await fetch(`/api/users/${id}`);
        const { data } = await axios.get(`/api/users/${id}/profile`);
        const result = await client.query({ query: GET_USER, variables: { id } });
        out.push((await res.json()).name + data.bio + result.data.user.name);
      }
      setNames(out);
    })();
  }, [ids]);
  return <p>{names.join(', ')}</p>;
}

export function Totals({ orders }: { orders: { total: number; status: string }[] }) {
  const counts = new Map<string, number>();
  orders.forEach((o) => counts.set(o.status, (counts.get(o.status) ?? 0) + 1));
  const total = orders.filter((o) => o.status === 'paid').reduce((sum, o) => sum + o.total, 0);
  return (
    <p>
      {total} {counts.size}
    </p>
  );
}

// Redux Toolkit entity adapters share names with MongoDB's API: updateOne is not a query.
import { createEntityAdapter, createSlice } from '@reduxjs/toolkit';

const todosAdapter = createEntityAdapter<{ id: number; done: boolean }>();

export const todosSlice = createSlice({
  name: 'todos',
  initialState: todosAdapter.getInitialState(),
  reducers: {
    completeAll(state, action: { payload: number[] }) {
      for (const id of action.payload) {
        todosAdapter.updateOne(state, { id, changes: { done: true } });
      }
    },
  },
});

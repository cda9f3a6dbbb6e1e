// One HTTP request per item, and the concurrent or bounded forms that are fine.
import axios from "axios";
import got from "got";
import { fetchUser, notify, userUrl } from "./client.js";

export async function direct(users) {
  for (const user of users) {
    await fetch(`https://api.example.com/users/${user.id}`); // expect: api-call-in-loop
  }
}

export async function withAxios(users) {
  for (const user of users) {
    await axios.post("https://crm.example.com/contacts", user); // expect: api-call-in-loop
  }
}

export async function withGot(urls) {
  const bodies = [];
  for (let i = 0; i < urls.length; i++) {
    bodies.push(await got.get(urls[i]).text()); // expect: api-call-in-loop
  }
  return bodies;
}

export async function throughHelper(ids) {
  const users = [];
  for (const id of ids) {
    users.push(await fetchUser(id)); // expect: api-call-in-loop
  }
  return users;
}

export async function twoLevels(orderIds) {
  for (const id of orderIds) {
    await notify(id); // expect: api-call-in-loop
  }
}

export async function concurrent(ids) {
  return Promise.all(ids.map((id) => fetchUser(id)));
}

export async function once(id) {
  return fetchUser(id);
}

export function urls(ids) {
  return ids.map((id) => userUrl(id));
}

export async function paging(url) {
  const items = [];
  while (url) {
    const page = await (await fetch(url)).json();
    items.push(...page.items);
    url = page.next;
  }
  return items;
}

export async function retries(url) {
  for (const attempt of [1, 2, 3]) {
    const res = await fetch(url);
    if (res.ok) return res;
  }
  return null;
}

export async function firstOk(urls) {
  for (const url of urls) {
    return await fetch(url);
  }
  return null;
}

export function promises(ids) {
  const pending = [];
  for (const id of ids) {
    pending.push(fetch(userUrl(id)));
  }
  return Promise.all(pending);
}

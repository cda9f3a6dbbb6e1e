// An API client module: helpers the jobs call per item.
import axios from "axios";

export async function fetchUser(id) {
  const res = await fetch(`https://api.example.com/users/${id}`);
  return res.json();
}

export async function notify(orderId) {
  return post("/notify", { orderId });
}

async function post(path, body) {
  return axios.post(`https://api.example.com${path}`, body);
}

export function userUrl(id) {
  return `https://api.example.com/users/${id}`;
}

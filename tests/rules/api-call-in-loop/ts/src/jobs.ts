// Outbound HTTP per loop iteration through Node's client, ky, superagent and
// a typed gateway in another module; and the batched, bounded and concurrent
// forms that are fine.
import http from "node:http";
import ky from "ky";
import superagent from "superagent";
import { PaymentsGateway, itemUrl, lookup, ping } from "./gateway";

interface Invoice { id: string; customerId: string; cents: number }

const gateway = new PaymentsGateway("https://pay.example.com");

export async function chargeAll(invoices: Invoice[]) {
  for (const inv of invoices) {
    // a module-level instance read inside a function
    await gateway.charge(inv.customerId, inv.cents); // expect: api-call-in-loop
  }
}

export async function refundAll(chargeIds: string[]) {
  return gateway.refundAll(chargeIds);
}

export async function healthOfAll(hosts: string[]) {
  const codes: number[] = [];
  for (const host of hosts) {
    // ping's request sits in a `new Promise(...)` executor, which runs at once
    codes.push(await ping(host)); // expect: api-call-in-loop
  }
  return codes;
}

export async function skus(ids: string[]) {
  const out: unknown[] = [];
  for (const sku of ids) {
    out.push(await lookup(sku)); // expect: api-call-in-loop
  }
  return out;
}

export function postEach(rows: string[]) {
  for (const row of rows) {
    const req = http.request({ host: "audit.internal", method: "POST", path: "/rows" }); // expect: api-call-in-loop
    req.end(row);
  }
}

export async function kyEach(ids: string[]) {
  for (const id of ids) {
    await ky.get(`https://api.example.com/users/${id}`).json(); // expect: api-call-in-loop
  }
}

export async function agentEach(ids: string[]) {
  for (let i = 0; i < ids.length; i++) {
    await superagent.post("https://hooks.example.com/user").send({ id: ids[i] }); // expect: api-call-in-loop
  }
}

export async function typedGateway(gw: PaymentsGateway, invoices: Invoice[]) {
  for (const inv of invoices) {
    await gw.charge(inv.customerId, inv.cents); // expect: api-call-in-loop
  }
}

export async function localGateway(invoices: Invoice[]) {
  const g = new PaymentsGateway("https://pay.example.com");
  for (const inv of invoices) {
    await g.charge(inv.customerId, inv.cents); // expect: api-call-in-loop
  }
}

export async function forEachCallback(ids: string[]) {
  ids.forEach(async (id) => {
    await ky.delete(`https://api.example.com/sessions/${id}`); // expect: api-call-in-loop
  });
}

export function chargeLater(invoices: Invoice[]) {
  return invoices.map(async (inv) => {
    await gateway.charge(inv.customerId, inv.cents); // expect: api-call-in-loop
  });
}

// ---- quiet ----

export function onEachTick(hosts: string[], emitter: { on(e: string, f: () => void): void }) {
  // a callback registered per host runs later, maybe never: not an HTTP call per iteration
  for (const host of hosts) {
    emitter.on("tick", () => { void ping(host); });
  }
}

export async function shadowed(gateways: { charge(a: string, b: number): Promise<void> }[]) {
  // the loop variable shadows the module-level gateway: its type is not known
  for (const gateway of gateways) {
    await gateway.charge("c", 1);
  }
}

export async function concurrentLookups(ids: string[]) {
  return Promise.all(ids.map((sku) => lookup(sku)));
}

export function urls(ids: string[]) {
  return ids.map((sku) => itemUrl(sku));
}

export async function oneBatch(ids: string[]) {
  return ky.post("https://api.example.com/users/batch", { json: { ids } }).json();
}

export async function threeRegions() {
  const out: number[] = [];
  for (const host of ["eu.example.com", "us.example.com", "ap.example.com"]) {
    out.push(await ping(host));
  }
  return out;
}

export async function pages(start: string) {
  let url: string | undefined = start;
  const items: unknown[] = [];
  while (url) {
    const page: { items: unknown[]; next?: string } = await ky.get(url).json();
    items.push(...page.items);
    url = page.next;
  }
  return items;
}

export async function firstReachable(hosts: string[]) {
  for (const host of hosts) {
    return await ping(host);
  }
  return 0;
}

export function queued(ids: string[]) {
  const pending: Promise<unknown>[] = [];
  for (const id of ids) {
    pending.push(lookup(id));
  }
  return Promise.all(pending);
}

export function buildRequests(ids: string[]) {
  const list: string[] = [];
  for (const id of ids) {
    list.push(itemUrl(id));
  }
  return list;
}

export async function retry(url: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await ky.get(url).json();
    } catch {
      continue;
    }
  }
  return null;
}

export async function refundsOnce(chargeIds: string[]) {
  const unique = [...new Set(chargeIds)];
  return gateway.refundAll(unique);
}

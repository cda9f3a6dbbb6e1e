// A typed API client in its own module: the sync jobs call it per item.
import https from "node:https";
import ky from "ky";
import superagent from "superagent";

export class PaymentsGateway {
  constructor(private readonly base: string) {}

  async charge(customerId: string, cents: number): Promise<unknown> {
    return ky.post(`${this.base}/charges`, { json: { customerId, cents } }).json();
  }

  async refundAll(chargeIds: string[]): Promise<unknown> {
    // one batch request for all of them: the fix
    return ky.post(`${this.base}/refunds/batch`, { json: { chargeIds } }).json();
  }
}

export function ping(host: string): Promise<number> {
  return new Promise((resolve) => {
    https.get(`https://${host}/health`, (res) => resolve(res.statusCode ?? 0));
  });
}

export async function lookup(sku: string): Promise<unknown> {
  const res = await superagent.get(`https://catalog.example.com/items/${sku}`);
  return res.body;
}

export function itemUrl(sku: string): string {
  return `https://catalog.example.com/items/${sku}`;
}

// Lazy relations awaited per row, on rows whose query did not load them.
import { Repository } from "typeorm";
import { AppDataSource } from "./data-source";
import { Customer, Order } from "./entities";
import { openOrders } from "./orders.repo";

export class OrderService {
  constructor(private readonly orderRepo: Repository<Order>) {}

  async customerNames() {
    const rows = await this.orderRepo.find({ relations: ["lines"] });
    const names: string[] = [];
    for (const o of rows) {
      const customer = await o.customer; // expect: lazy-load-in-loop
      names.push(customer.name);
    }
    return names;
  }
}

export async function lineCounts() {
  const rows = await Order.find();
  for (const o of rows) {
    console.log((await o.lines).length); // expect: lazy-load-in-loop
  }
}

export async function throughHelper() {
  for (const o of await openOrders()) {
    console.log(await o.invoice); // expect: lazy-load-in-loop
  }
}

export async function inlineRepository() {
  const rows = await AppDataSource.getRepository(Customer).find();
  return Promise.all(rows.map(async (c) => (await c.tenant).name)); // expect: lazy-load-in-loop
}

export async function nested() {
  const rows = await AppDataSource.getRepository(Order).find({ relations: { customer: true } });
  for (const o of rows) {
    const customer = await o.customer;
    console.log((await customer.tenant).name); // todo-expect: lazy-load-in-loop
  }
}

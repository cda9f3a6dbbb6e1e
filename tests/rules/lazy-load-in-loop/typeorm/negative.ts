// Relations loaded with the rows, relations that are no query, and rows headroom cannot know.
import { Repository } from "typeorm";
import { AppDataSource } from "./data-source";
import { Order } from "./entities";
import { ordersWithLines } from "./orders.repo";

export class OrderReport {
  constructor(private readonly repo: Repository<Order>) {}

  async withRelations() {
    const rows = await this.repo.find({ relations: ["customer", "invoice"] });
    for (const o of rows) {
      console.log((await o.customer).name, await o.invoice);
    }
  }

  async withRelationObject() {
    const rows = await this.repo.find({ where: { status: "open" }, relations: { lines: true } });
    for (const o of rows) {
      console.log((await o.lines).length);
    }
  }

  async withJoin() {
    const rows = await this.repo.createQueryBuilder("o").leftJoinAndSelect("o.customer", "c").getMany();
    for (const o of rows) {
      console.log((await o.customer).name);
    }
  }
}

export async function eagerAndPlain() {
  const rows = await Order.find();
  for (const o of rows) {
    console.log(o.tenant.name, o.shipper, o.status);
  }
}

export async function throughHelper() {
  for (const o of await ordersWithLines()) {
    console.log((await o.lines).length);
  }
}

export async function untyped(repo: any) {
  for (const o of await repo.find()) {
    console.log(await o.customer);
  }
}

export async function optionsInAVariable(opts: object) {
  for (const o of await AppDataSource.getRepository(Order).find(opts)) {
    console.log(await o.customer);
  }
}

// A helper returning rows, used from other files.
import { AppDataSource } from "./data-source";
import { Order } from "./entities";

const orders = AppDataSource.getRepository(Order);

export function openOrders() {
  return orders.find({ where: { status: "open" } });
}

export function ordersWithLines() {
  return orders.find({ relations: ["lines"] });
}

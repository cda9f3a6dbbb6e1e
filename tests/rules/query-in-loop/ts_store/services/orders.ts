// Active Record entities imported through a barrel file (entities/index.ts).
import { In } from 'typeorm';
import { Customer, Order } from '../entities';

export async function customersOf(orders: Order[]) {
  const out = [];
  for (const order of orders) {
    out.push(await Customer.findOneBy({ id: order.customerId })); // expect: query-in-loop
  }
  return out;
}

export async function closeAll(ids: number[]) {
  for (const id of ids) {
    await Order.update({ id }, { status: 'closed' }); // expect: query-in-loop
  }
}

export async function customersOfFast(orders: Order[]) {
  return Customer.findBy({ id: In(orders.map((o) => o.customerId)) });
}

export async function closeAllFast(ids: number[]) {
  await Order.update({ id: In(ids) }, { status: 'closed' });
}

// Filters on a TypeORM repository made with getRepository().
import { AppDataSource } from "./source";
import { Invoice } from "./models";

const invoices = AppDataSource.getRepository(Invoice);

export async function byStatus(status: string) {
  return invoices.find({ where: { status } }); // expect: unindexed-filter
}

export async function byNumber(number: string) {
  return invoices.findOne({ where: { number } });
}

// Filters and sorts on TypeORM repositories that no index serves.
import { In, Repository } from "typeorm";
import { dataSource } from "./data-source";
import { Account, Payment } from "./entities";

export class AccountService {
  constructor(private readonly accounts: Repository<Account>) {}

  byStatus(status: string) {
    return this.accounts.find({ where: { status } }); // expect: unindexed-filter
  }

  byCity(city: string) {
    return this.accounts.findBy({ city }); // expect: unindexed-filter
  }

  countByKind(kind: string) {
    return this.accounts.count({ where: { kind } }); // expect: unindexed-filter
  }

  newest() {
    return this.accounts.find({ order: { createdAt: "DESC" }, take: 20 }); // expect: unindexed-filter
  }
}

const payments = dataSource.getRepository(Payment);

export function paymentsIn(states: string[]) {
  return payments.findBy({ state: In(states) }); // expect: unindexed-filter
}

export function byNickname(nickname: string) {
  return dataSource.manager.findOneBy(Account, { nickname }); // expect: unindexed-filter
}

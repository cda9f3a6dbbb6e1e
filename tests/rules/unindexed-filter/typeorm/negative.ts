// Indexed lookups, operators an index would not serve, and receivers headroom cannot type.
import { ILike, Repository } from "typeorm";
import { dataSource } from "./data-source";
import { Account } from "./entities";

export class AccountLookup {
  constructor(private readonly accounts: Repository<Account>) {}

  byEmail(email: string) {
    return this.accounts.findOneBy({ email });
  }

  byId(id: number) {
    return this.accounts.findOne({ where: { id } });
  }

  byPhone(phone: string) {
    return this.accounts.find({ where: { phone } });
  }

  byCountry(country: string, status: string) {
    return this.accounts.find({ where: { country, status } });
  }

  byOwner(ownerId: number) {
    return this.accounts.findBy({ ownerId });
  }

  bySlug(slug: string) {
    return this.accounts.findOneBy({ slug });
  }

  verifiedOnly() {
    return this.accounts.findBy({ verified: true });
  }

  nameLike(q: string) {
    return this.accounts.find({ where: { nickname: ILike(`%${q}%`) } });
  }

  whereInAVariable(where: object) {
    return this.accounts.find({ where });
  }
}

export function untyped(repo: any, status: string) {
  return repo.find({ where: { status } });
}

export function unknownEntity(status: string) {
  return dataSource.getRepository("audit_log").find({ where: { status } });
}

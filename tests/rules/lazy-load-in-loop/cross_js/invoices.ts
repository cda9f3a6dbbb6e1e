// Awaited lazy relations per row: lazy-load-in-loop's alone.
import { Repository } from "typeorm";
import { Invoice } from "./entities";

export class InvoiceService {
  constructor(private readonly invoices: Repository<Invoice>) {}

  async shopNames() {
    const rows = await this.invoices.find();
    const names: string[] = [];
    for (const inv of rows) {
      names.push((await inv.shop).name); // expect: lazy-load-in-loop
    }
    return names;
  }

  async loadedShops() {
    const rows = await this.invoices.find({ relations: ["shop", "issuer"] });
    return rows.map((inv) => inv.issuer.name);
  }
}

// TypeORM entities for the cross-rule project: a lazy relation and a plain one.
import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class Shop {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  name!: string;
}

@Entity()
export class Invoice {
  @PrimaryGeneratedColumn()
  id!: number;

  @ManyToOne(() => Shop)
  shop!: Promise<Shop>;

  @ManyToOne(() => Shop)
  issuer!: Shop;
}

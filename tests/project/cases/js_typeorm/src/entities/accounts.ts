// TypeORM entities: unique and indexed columns, class-level composite indexes, a base class.
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from "typeorm";

export abstract class Timestamped {
  @CreateDateColumn()
  createdAt!: Date;
}

@Entity({ name: "accounts" })
@Index(["country", "city"])
@Index("ix_owner_kind", ["ownerId", "kind"], { unique: true })
@Unique(["slug"])
export class Account extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ unique: true })
  email!: string;

  @Column()
  status!: string;

  @Index()
  @Column()
  phone!: string;

  @Column()
  country!: string;

  @Column()
  city!: string;

  @Column()
  ownerId!: number;

  @Column()
  kind!: string;

  @Column()
  slug!: string;

  @Column()
  verified!: boolean;

  @Column()
  nickname!: string;
}

@Entity()
export class Payment {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column()
  state!: string;

  @ManyToOne(() => Account)
  account!: Account;
}

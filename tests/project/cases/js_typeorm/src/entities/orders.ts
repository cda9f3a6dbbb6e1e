// TypeORM entities: lazy relations (Promise<T> or lazy: true), an eager one, plain ones.
import {
  BaseEntity, Column, Entity, JoinColumn, ManyToOne, OneToMany, OneToOne, PrimaryGeneratedColumn,
} from "typeorm";

@Entity()
export class Tenant {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  name!: string;
}

@Entity()
export class Customer {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  name!: string;

  @ManyToOne(() => Tenant, { lazy: true })
  tenant!: Promise<Tenant>;
}

@Entity()
export class Shipper {
  @PrimaryGeneratedColumn()
  id!: number;
}

@Entity()
export class Order extends BaseEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  status!: string;

  @ManyToOne(() => Customer)
  customer!: Promise<Customer>;

  @OneToMany(() => Line, (line) => line.order, { lazy: true })
  lines!: Line[];

  @ManyToOne(() => Tenant, { eager: true })
  tenant!: Tenant;

  @ManyToOne(() => Shipper)
  shipper!: Shipper;

  @OneToOne(() => Invoice)
  @JoinColumn()
  invoice!: Promise<Invoice>;
}

@Entity()
export class Line {
  @PrimaryGeneratedColumn()
  id!: number;

  @ManyToOne(() => Order, (order) => order.lines)
  order!: Order;
}

@Entity()
export class Invoice {
  @PrimaryGeneratedColumn()
  id!: number;
}

// A TypeORM entity: an indexed number, an unindexed status.
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

@Entity()
export class Invoice {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  status!: string;

  @Index()
  @Column()
  number!: string;
}

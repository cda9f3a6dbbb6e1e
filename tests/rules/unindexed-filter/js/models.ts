// TypeORM entities (not catalogued yet: the JS gaps below).
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

// NestJS + TypeORM done right: In(ids), relations, one save of many rows.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Column, DataSource, Entity, In, ManyToOne, PrimaryGeneratedColumn, Repository } from 'typeorm';

@Entity()
export class Team {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  name: string;
}

@Entity()
export class Member {
  @PrimaryGeneratedColumn()
  id: number;

  @ManyToOne(() => Team)
  team: Team;
}

@Injectable()
export class MembersService {
  private readonly members = new Map<number, Member>();

  constructor(
    @InjectRepository(Member) private readonly memberRepository: Repository<Member>,
    private readonly dataSource: DataSource,
  ) {}

  async findByIds(ids: number[]) {
    return this.memberRepository.findBy({ id: In(ids) });
  }

  async withTeams() {
    return this.memberRepository.find({ relations: { team: true } });
  }

  async saveAll(members: Member[]) {
    for (const member of members) {
      member.team = member.team ?? null;
    }
    await this.memberRepository.save(members);
  }

  async perTeam() {
    const rows = await this.memberRepository
      .createQueryBuilder('m')
      .select('m.teamId', 'teamId')
      .addSelect('COUNT(*)', 'n')
      .groupBy('m.teamId')
      .getRawMany();
    const counts: Record<number, number> = {};
    for (const row of rows) {
      counts[row.teamId] = Number(row.n);
    }
    return counts;
  }

  cached(ids: number[]) {
    const found: Member[] = [];
    for (const id of ids) {
      const member = this.members.get(id);
      if (member) found.push(member);
      const same = found.find((m) => m.id === id);
      if (same) this.members.delete(id);
    }
    return found;
  }

  builders(teamIds: number[]) {
    // builders made in the loop but run once, after it
    const qb = this.memberRepository.createQueryBuilder('m');
    for (const teamId of teamIds) {
      qb.orWhere('m.teamId = :t' + teamId, { ['t' + teamId]: teamId });
    }
    return qb.getMany();
  }

  async firstExisting(ids: number[]) {
    for (const id of ids) {
      return this.memberRepository.findOneBy({ id });
    }
    return null;
  }
}

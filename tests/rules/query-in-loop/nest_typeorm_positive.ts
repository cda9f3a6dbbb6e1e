// NestJS + TypeORM: repositories, entity managers, query builders, Active Record.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { BaseEntity, Column, DataSource, Entity, In, PrimaryGeneratedColumn, Repository } from 'typeorm';

@Entity()
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  email: string;

  @Column()
  teamId: number;
}

@Entity()
export class AuditLog extends BaseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  userId: number;

  @Column()
  action: string;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly userRepository: Repository<User>,
    private readonly dataSource: DataSource,
  ) {}

  async findByIds(ids: number[]): Promise<User[]> {
    const users: User[] = [];
    for (const id of ids) {
      const user = await this.userRepository.findOne({ where: { id } }); // expect: query-in-loop
      if (user) users.push(user);
    }
    return users;
  }

  async countPerTeam(teamIds: number[]) {
    const counts: Record<number, number> = {};
    for (const teamId of teamIds) {
      counts[teamId] = await this.userRepository.count({ where: { teamId } }); // expect: query-in-loop
    }
    return counts;
  }

  async saveAll(users: User[]) {
    for (const user of users) {
      await this.userRepository.save(user); // expect: query-in-loop
    }
  }

  async teamMembers(teamIds: number[]) {
    return Promise.all(
      teamIds.map((teamId) =>
        this.userRepository // expect: query-in-loop
          .createQueryBuilder('user')
          .where('user.teamId = :teamId', { teamId })
          .getMany(),
      ),
    );
  }

  async rawEmails(ids: number[]) {
    const emails = [];
    for (const id of ids) {
      emails.push(await this.dataSource.query('SELECT email FROM "user" WHERE id = $1', [id])); // expect: query-in-loop
    }
    return emails;
  }

  async deactivate(ids: number[]) {
    await this.dataSource.transaction(async (manager) => {
      for (const id of ids) {
        await manager.update(User, { id }, { teamId: 0 }); // expect: query-in-loop
      }
    });
  }

  async audit(userIds: number[], action: string) {
    for (const userId of userIds) {
      await AuditLog.insert({ userId, action }); // expect: query-in-loop
    }
  }

  async lastActions(userIds: number[]) {
    const out = [];
    for (const userId of userIds) {
      const qb = this.dataSource.getRepository(AuditLog).createQueryBuilder('log');
      qb.where('log.userId = :userId', { userId }).orderBy('log.id', 'DESC');
      out.push(await qb.getOne()); // expect: query-in-loop
    }
    return out;
  }

  async touch(ids: number[]) {
    for (const id of ids) {
      const log = await AuditLog.findOneBy({ id }); // expect: query-in-loop
      if (log) {
        log.action = 'touched';
        await log.save(); // expect: query-in-loop
      }
    }
  }
}

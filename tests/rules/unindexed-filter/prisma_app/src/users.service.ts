// A NestJS service: `this.prisma.user` is the client's accessor too.
import { Injectable } from '@nestjs/common';
import { PrismaService } from './prisma.service';

@Injectable()
export class UsersService {
  constructor(private prisma: PrismaService) {}

  named(names: string[]) {
    return this.prisma.user.findMany({ where: { name: { in: names } } }); // expect: unindexed-filter
  }

  active(q: string) {
    // status is not indexed on its own; `contains` says nothing either way
    return this.prisma.user.findMany({ where: { status: 'active', name: { contains: q } } }); // expect: unindexed-filter
  }

  popular() {
    return this.prisma.post.findFirstOrThrow({ where: { views: { gte: 1000 } } }); // expect: unindexed-filter
  }

  inTransaction(t: string) {
    return this.prisma.$transaction(async (tx) => {
      return tx.post.findMany({ where: { title: { equals: t } } }); // expect: unindexed-filter
    });
  }
}

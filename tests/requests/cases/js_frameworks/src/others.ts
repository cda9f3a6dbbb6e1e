import Koa from 'koa';
import Router from '@koa/router';
import Fastify from 'fastify';
import Hapi from '@hapi/hapi';
import { Server } from 'socket.io';
import { Worker } from 'bullmq';
import { Agenda } from 'agenda';
import { Controller, Get, Post } from '@nestjs/common';
import { load } from './lib/work';

const koaRouter = new Router();
koaRouter.get('/koa', async (ctx) => { ctx.body = load(); });

const fastify = Fastify();
fastify.get('/fastify', async (request, reply) => load());
fastify.route({ method: 'POST', url: '/fr', handler: async (request, reply) => load() });

const server = Hapi.server({ port: 3000 });
server.route({ method: 'GET', path: '/hapi', handler: (request, h) => load() });

const io = new Server(3001);
io.on('connection', (socket) => {
  socket.on('ping', () => load());
});

@Controller('cats')
export class CatsController {
  @Get()
  findAll() {
    return load();
  }

  @Post()
  create() {
    return this.helper();
  }

  helper() {
    return load();
  }
}

class NotAController {
  @Get()
  nope() {
    return load();
  }
}

new Worker('emails', async (job) => load());
const agenda = new Agenda();
agenda.define('report', async (job) => load());

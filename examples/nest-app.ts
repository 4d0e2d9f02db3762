// A Nest module whose service declares its calls to an upstream API, and gets its token from
// an injected service. CI compiles this file against the packed package (experimentalDecorators,
// emitDecoratorMetadata, as Nest projects are) and runs it: it starts the upstream API on
// 127.0.0.1, creates the Nest application context, calls the service and checks what arrived.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpModule, HttpService } from '@nestjs/axios';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ApiClient,
  declared,
  Get,
  isHttpStatusError,
  Path,
  type CredentialContext,
} from 'axios-dequest';

interface User {
  id: number;
  name: string;
}

@Injectable()
export class TokenService {
  current(): string {
    return process.env.USERS_API_TOKEN ?? 'nest-token';
  }
}

// #region users-module
@Injectable()
@ApiClient({
  client: (self: UsersApi) => self.http.axiosRef,
  authToken: ({ self }: CredentialContext<UsersApi>) => self.tokens.current(),
})
export class UsersApi {
  constructor(
    readonly http: HttpService,
    readonly tokens: TokenService,
  ) {}

  @Get('/users/{id}')
  getUser(@Path({ name: 'id', type: Number }) id: number): Promise<User> {
    return declared();
  }
}

@Module({
  // Its own registration: this module's HttpService, and its credentials, are its own.
  imports: [
    HttpModule.registerAsync({ useFactory: () => ({ baseURL: process.env.USERS_API_URL }) }),
  ],
  providers: [UsersApi, TokenService],
  exports: [UsersApi],
})
export class UsersModule {}
// #endregion

async function main(): Promise<void> {
  const received: (string | undefined)[] = [];
  const upstream = http.createServer((req, res) => {
    received.push(req.headers.authorization);
    const id = Number(req.url?.split('/').pop());
    res.setHeader('content-type', 'application/json');
    res.statusCode = id === 1 ? 200 : 404;
    res.end(JSON.stringify(id === 1 ? { id, name: 'Alice' } : { error: 'no such user' }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  process.env.USERS_API_URL = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;

  const app = await NestFactory.createApplicationContext(UsersModule, { logger: false });
  try {
    const users = app.get(UsersApi);
    const alice = await users.getUser(1);
    const missing = await users.getUser(2).catch((error: unknown) => error);

    assert.deepEqual(alice, { id: 1, name: 'Alice' });
    assert.ok(isHttpStatusError(missing) && missing.status === 404);
    assert.deepEqual(received, ['Bearer nest-token', 'Bearer nest-token']);
    console.log(`nest: getUser(1) -> ${JSON.stringify(alice)}; getUser(2) -> HttpStatusError 404`);
  } finally {
    await app.close();
    upstream.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

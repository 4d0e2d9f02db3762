// Two Nest modules, each with its own HttpModule registration and credentials: one declares its
// calls (@Injectable() @ApiClient, its token from an injected service), the other attaches an
// API key to an HttpService without a baseURL. CI compiles this file against the packed package
// (experimentalDecorators, emitDecoratorMetadata, as Nest projects are) and runs it on 127.0.0.1.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpModule, HttpService } from '@nestjs/axios';
import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ApiClient,
  attachAuth,
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

// #region billing-module
@Injectable()
export class BillingClient implements OnModuleInit {
  constructor(readonly http: HttpService) {}

  onModuleInit(): void {
    // This module's HttpModule has no baseURL: allowedOrigins says where the key may go.
    attachAuth(this.http.axiosRef, {
      apiKey: () => process.env.BILLING_API_KEY,
      allowedOrigins: [process.env.BILLING_API_ORIGIN ?? 'https://billing.example.com'],
    });
  }

  async invoices(): Promise<unknown> {
    return (await this.http.axiosRef.get(`${process.env.BILLING_API_ORIGIN}/invoices`)).data;
  }
}

@Module({
  imports: [HttpModule.register({})],
  providers: [BillingClient],
  exports: [BillingClient],
})
export class BillingModule {}
// #endregion

@Module({ imports: [UsersModule, BillingModule] })
export class AppModule {}

async function main(): Promise<void> {
  const received: (string | undefined)[] = [];
  const upstream = http.createServer((req, res) => {
    received.push(req.headers.authorization ?? `x-api-key ${String(req.headers['x-api-key'])}`);
    const id = Number(req.url?.split('/').pop());
    res.setHeader('content-type', 'application/json');
    res.statusCode = id === 1 ? 200 : 404;
    res.end(JSON.stringify(id === 1 ? { id, name: 'Alice' } : { error: 'no such user' }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  process.env.USERS_API_URL = origin;
  process.env.BILLING_API_ORIGIN = origin;
  process.env.BILLING_API_KEY = 'billing-key';

  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  try {
    const users = app.get(UsersApi);
    const alice = await users.getUser(1);
    const missing = await users.getUser(2).catch((error: unknown) => error);
    await app
      .get(BillingClient)
      .invoices()
      .catch(() => undefined);

    assert.deepEqual(alice, { id: 1, name: 'Alice' });
    assert.ok(isHttpStatusError(missing) && missing.status === 404);
    // Each module's instance carries its own credentials, and only those.
    assert.deepEqual(received, ['Bearer nest-token', 'Bearer nest-token', 'x-api-key billing-key']);
    console.log(
      `nest: getUser(1) -> ${JSON.stringify(alice)}; getUser(2) -> HttpStatusError 404; billing sent its own key`,
    );
  } finally {
    await app.close();
    upstream.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

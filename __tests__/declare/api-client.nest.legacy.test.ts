// A real Nest application context (experimentalDecorators, emitDecoratorMetadata): an
// @Injectable() @ApiClient class gets its services by DI, its provider reaches them through
// ctx.self, each module's HttpModule.register has its own instance and credentials, and Nest's
// own Get in place of ours fails when the class is defined.
import 'reflect-metadata';
import { HttpModule, HttpService } from '@nestjs/axios';
import { Get as NestGet, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ApiClient,
  attachAuth,
  ConfigurationError,
  declared,
  Get,
  Path,
  type CredentialContext,
} from '../../src';
import { thrownBy } from '../helpers/declare';
import { useServer } from '../helpers/server';

const users = useServer();
const billing = useServer();

@Injectable()
class TokenService {
  current(): string {
    return 'users-token';
  }
}

@Injectable()
@ApiClient({
  client: (self: UsersApi) => self.http.axiosRef,
  authToken: ({ self }: CredentialContext<UsersApi>) => self.tokens.current(),
})
class UsersApi {
  constructor(
    readonly http: HttpService,
    readonly tokens: TokenService,
  ) {}

  @Get('/users/{id}')
  getUser(@Path('id') id: number): Promise<{ url: string }> {
    return declared();
  }
}

// Credentials on the module's own HttpService, which has no baseURL: allowedOrigins names where
// they may go.
@Injectable()
class BillingClient implements OnModuleInit {
  constructor(readonly http: HttpService) {}
  onModuleInit(): void {
    attachAuth(this.http.axiosRef, { apiKey: 'billing-key', allowedOrigins: [billing.origin] });
  }
}

const modules = () => {
  @Module({
    imports: [HttpModule.register({ baseURL: `${users.origin}/v1` })],
    providers: [UsersApi, TokenService],
    exports: [UsersApi],
  })
  class UsersModule {}

  @Module({
    imports: [HttpModule.register({})],
    providers: [BillingClient],
    exports: [BillingClient],
  })
  class BillingModule {}

  @Module({ imports: [UsersModule, BillingModule] })
  class AppModule {}
  return AppModule;
};

test('an @Injectable() @ApiClient gets its services by DI, and its provider reaches them as ctx.self', async () => {
  const app = await NestFactory.createApplicationContext(modules(), { logger: false });
  try {
    const echo = await app.get(UsersApi).getUser(7);

    expect(echo.url).toBe('/v1/users/7');
    expect(users.requests[0]!.headers.authorization).toBe('Bearer users-token');
  } finally {
    await app.close();
  }
});

test("HttpModule.register per module: each module's instance carries only its own credentials", async () => {
  const app = await NestFactory.createApplicationContext(modules(), { logger: false });
  try {
    const billingHttp = app.get(BillingClient).http;
    const usersHttp = app.get(UsersApi).http;
    expect(billingHttp.axiosRef).not.toBe(usersHttp.axiosRef);

    await billingHttp.axiosRef.get(`${billing.origin}/invoices`);
    await usersHttp.axiosRef.get('/plain');
    await billingHttp.axiosRef.get(`${users.origin}/elsewhere`);

    expect(billing.requests[0]!.headers['x-api-key']).toBe('billing-key');
    expect(billing.requests[0]!.headers.authorization).toBeUndefined();
    // The users module's instance has no attachAuth: its requests carry nothing of billing's.
    expect(users.requests.map((r) => [r.url, r.headers['x-api-key']])).toEqual([
      ['/v1/plain', undefined],
      ['/elsewhere', undefined],
    ]);
  } finally {
    await app.close();
  }
});

test("Nest's Get in an @ApiClient class fails when the class is defined, naming the method and the import", () => {
  const error = thrownBy(() => {
    @ApiClient({ baseURL: users.origin })
    class OrdersApi {
      @NestGet('/orders')
      list(): Promise<unknown> {
        return declared();
      }
    }
    return OrdersApi;
  });

  expect(error).toBeInstanceOf(ConfigurationError);
  expect(error.message).toBe(
    "@ApiClient on OrdersApi: list has a Nest route decorator (from '@nestjs/common'), so calling it would send nothing. " +
      "Decorate it with @Get(…), @Post(…), @Put(…), @Patch(…), @Delete(…) or @syncClient({…}) from 'axios-dequest'. " +
      "Get, Post, Put, Patch and Delete from '@nestjs/common' declare controller routes, not calls: " +
      "import them from 'axios-dequest' (renamed where a file needs both: import { Get as GetCall } from 'axios-dequest').",
  );
});

test("without @ApiClient, Nest's Get leaves the body to run: declared() names the method", () => {
  class Orders {
    @NestGet('/orders')
    list(): Promise<unknown> {
      return declared();
    }
  }

  expect(() => new Orders().list()).toThrow(
    /^declared\(\) ran in Orders\.list, so it is not a declared call and nothing was sent\. /,
  );
});

test('two providers attaching to one HttpService are told to register HttpModule per module', async () => {
  @Injectable()
  class First implements OnModuleInit {
    constructor(readonly http: HttpService) {}
    onModuleInit(): void {
      attachAuth(this.http.axiosRef, { authToken: 'first', allowedOrigins: [users.origin] });
    }
  }
  @Injectable()
  class Second implements OnModuleInit {
    constructor(readonly http: HttpService) {}
    onModuleInit(): void {
      attachAuth(this.http.axiosRef, { apiKey: 'second', allowedOrigins: [users.origin] });
    }
  }
  @Module({ imports: [HttpModule.register({})], providers: [First, Second] })
  class SharedModule {}

  const failure = NestFactory.createApplicationContext(SharedModule, { logger: false });

  await expect(failure).rejects.toThrow(ConfigurationError);
  await expect(failure).rejects.toThrow(
    "in Nest, HttpModule.register({…}) in each provider's own module (one HttpService, and one axiosRef, per registration).",
  );
});

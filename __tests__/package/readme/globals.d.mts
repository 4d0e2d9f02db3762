// The names README.md's examples use without declaring them (prelude.mjs defines each). A module
// (.d.mts) so that axios's types are the ESM ones the examples import.
import type { AxiosInstance } from 'axios';
import type { RedisClient } from 'axios-dequest/redis';

declare global {
  const tokens: { current(): string; renew(): Promise<string> };
  const keyRing: { current(): string };
  const vault: { read(name: string): Promise<{ value: string }> };
  function getAccessToken(): Promise<string>;
  function fetchAccessToken(): Promise<string>;
  function login(): Promise<string>;
  function renew(token: string): Promise<string>;
  function onLogout(listener: () => void): void;
  const sessions: {
    refreshTokenOf(userId: string): Promise<string>;
    saveRefreshToken(userId: string, token: string | undefined): Promise<void>;
    update(id: string, fields: { refreshToken?: string }): Promise<void>;
  };
  const session: { id: string; refreshToken: string };
  const tokenUrl: string;
  const clientId: string;
  const clientSecret: string;
  const scope: string;
  const redis: RedisClient;
  const userId: string;
  const baseURL: string;
  const instance: AxiosInstance;
  const api: AxiosInstance;
  function report(error: unknown): void;
  function use(data: unknown): void;
  const log: { warn(...args: unknown[]): void };
  const metrics: { increment(name: string): void };
  function redirectToSignIn(): void;
  class User {
    constructor(raw: { name: string; city: string });
    readonly name: string;
    readonly city: string;
  }
  class CreateUserDto {}
}

// The names README.md's examples use without declaring them (prelude.mjs defines each).
declare const tokens: { current(): string; renew(): Promise<string> };
declare const keyRing: { current(): string };
declare const vault: { read(name: string): Promise<{ value: string }> };
declare function getAccessToken(): Promise<string>;
declare function fetchAccessToken(): Promise<string>;
declare function login(): Promise<string>;
declare function renew(token: string): Promise<string>;
declare function onLogout(listener: () => void): void;
declare const sessions: {
  refreshTokenOf(userId: string): Promise<string>;
  saveRefreshToken(userId: string, token: string | undefined): Promise<void>;
};
declare const userId: string;
declare const baseURL: string;
declare const instance: import('axios').AxiosInstance;
declare function report(error: unknown): void;
declare function use(data: unknown): void;
declare const log: { warn(...args: unknown[]): void };
declare const metrics: { increment(name: string): void };
declare function redirectToSignIn(): void;
declare class User {
  constructor(raw: { name: string; city: string });
  readonly name: string;
  readonly city: string;
}
declare class CreateUserDto {}

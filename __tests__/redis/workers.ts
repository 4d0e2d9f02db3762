// Real child processes running this repository's TypeScript, driven over IPC. Every worker is
// killed when its test ends (passed or failed), and when jest's process exits.
import { fork, type ChildProcess } from 'node:child_process';
import { isAbsolute, join } from 'node:path';

const HOOK = join(__dirname, 'fixtures', 'ts-hook.js');
const alive = new Set<ChildProcess>();

const killNow = (child: ChildProcess): void => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
};
process.on('exit', () => alive.forEach(killNow));
afterEach(async () => {
  await Promise.all([...alive].map((child) => stopped(child, true)));
});

function stopped(child: ChildProcess, kill: boolean): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    if (kill) killNow(child);
  });
}

export interface Worker {
  readonly pid: number;
  /** Runs one of the worker's commands and resolves with what it returned. */
  call<T = unknown>(command: string, args?: unknown): Promise<T>;
  /** SIGKILL: no cleanup, no goodbye (a crashed replica). */
  kill(): Promise<void>;
}

interface Reply {
  id?: number;
  result?: unknown;
  error?: string;
  ready?: boolean;
}

/** Forks `fixtures/<script>` (or a script by its absolute path) with `env`, and waits until it says it is ready. */
export async function startWorker(script: string, env: Record<string, string>): Promise<Worker> {
  const child = fork(isAbsolute(script) ? script : join(__dirname, 'fixtures', script), [], {
    execArgv: ['-r', HOOK],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  alive.add(child);
  child.once('exit', () => alive.delete(child));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const gone = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => {
      const error = new Error(`worker ${script} exited (${signal ?? code})`);
      pending.forEach(({ reject: fail }) => fail(error));
      reject(error);
    });
  });
  gone.catch(() => {});
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (reply: Reply) => {
      if (reply.ready) return resolve();
      if (reply.id === undefined) return;
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.error !== undefined) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply.result);
    });
    gone.catch(reject);
  });
  await ready;
  return {
    pid: child.pid!,
    call: <T>(command: string, args?: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, command, args });
      }),
    kill: () => stopped(child, true),
  };
}

/** Resolves after `ms` of real time (real processes and Redis run meanwhile). */
export const wait = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `ready` every 20 ms (real I/O runs meanwhile) for at most 30 s, then fails naming `what`. */
export async function until(ready: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what} after 30 s`);
    await wait(20);
  }
}

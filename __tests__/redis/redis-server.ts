// A redis-server of the test's own, on a free port, for fault tests: stopped, frozen or killed
// by its pid, never the shared one. Every server started here is killed when the file ends.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export interface OwnRedis {
  readonly port: number;
  readonly url: string;
  /** SIGKILL, and wait until it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port (after kill). */
  restart(): Promise<void>;
  /** SIGSTOP / SIGCONT: a server that accepts nothing and answers nothing. */
  freeze(): void;
  thaw(): void;
}

const running = new Set<ChildProcess>();
afterAll(async () => {
  await Promise.all([...running].map(stop));
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

// Resolves once the server says it is ready; rejects if it exits first (the port was taken).
function launch(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += String(chunk);
      if (output.includes('Ready to accept connections')) resolve(child);
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`redis-server exited (${code}): ${output.slice(-300)}`)),
    );
  });
}

// A signal to a server that is already gone does nothing.
function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, name);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(child.pid!, 'SIGCONT');
    process.kill(child.pid!, 'SIGKILL');
  });
}

/** Starts a redis-server on a port found free (retried: another process may take it first). */
export async function startOwnRedis(): Promise<OwnRedis> {
  let failure: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    try {
      let child = await launch(port);
      return {
        port,
        url: `redis://127.0.0.1:${port}`,
        kill: () => stop(child),
        async restart() {
          for (let retry = 0; ; retry++) {
            try {
              child = await launch(port);
              return;
            } catch (error) {
              if (retry >= 20) throw error;
              await new Promise((resolve) => setTimeout(resolve, 100));
            }
          }
        },
        freeze: () => signal(child, 'SIGSTOP'),
        thaw: () => signal(child, 'SIGCONT'),
      };
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

/** Waits (polling, bounded) until `ready()` is true: a client reconnecting to a restarted server. */
export async function waitUntil(ready: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

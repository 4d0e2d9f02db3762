// What the numbers were measured on, printed with them: without it they mean little.
import { readFileSync } from 'node:fs';
import os from 'node:os';

const versionOf = (name) =>
  JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8'))
    .version;

export function describeMachine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    axios: versionOf('axios'),
    peers: {
      'axios-token-interceptor': versionOf('axios-token-interceptor'),
      'axios-auth-refresh': versionOf('axios-auth-refresh'),
    },
  };
}

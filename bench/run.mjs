// `npm run bench`: builds nothing itself (the npm script builds first), then measures the
// built package against bare axios and its peers. Markdown goes to stdout, progress to stderr.
//
// Heap growth is only meaningful after a full collection, so the measuring process needs
// --expose-gc: started without it, this file starts itself again with it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (typeof globalThis.gc !== 'function') {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    // main.mjs stops itself at 600 s; this only catches a child that cannot.
    { stdio: 'inherit', timeout: 610_000 },
  );
  process.exit(child.status ?? 1);
}

const { main } = await import('./main.mjs');
await main(process.argv.slice(2));

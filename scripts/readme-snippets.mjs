// Compiles and runs every TypeScript example of README.md and docs/*.md against the installed
// package, so the docs cannot drift from the code. Run by scripts/test-package.sh inside the
// consumer project:
//   node scripts/readme-snippets.mjs <work dir> <README.md> [docs/*.md ...]
// Each ```ts block becomes a module of its own beside the fixtures in __tests__/package/readme/
// (globals.d.mts types the names the examples assume, tokens.current() and the like;
// prelude.mjs defines them and sends every request for *.example.com to a server on
// 127.0.0.1). All are type-checked in one tsc run, then each runs in a process of its own.
// A block preceded by `<!-- quote: examples/<file>#<region> -->` must equal that region of an
// example file (which test-package.sh compiles and runs itself), and is not run again; one
// preceded by `<!-- skip: <why> -->` is left out and listed with its reason on every run.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [workDir, ...documents] = process.argv.slice(2).map((p) => resolve(p));
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(repo, '__tests__', 'package', 'readme');
const tsc = join(repo, 'node_modules', '.bin', 'tsc');

const blocks = [];
for (const document of documents) {
  const file = document.slice(repo.length + 1);
  const lines = readFileSync(document, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w*)\s*$/.exec(lines[i]);
    if (!fence) continue;
    const start = i;
    let end = i + 1;
    while (end < lines.length && lines[end] !== '```') end++;
    let marker = start - 1;
    while (marker >= 0 && lines[marker].trim() === '') marker--;
    const quote = /^<!-- quote: (\S+)#(\S+) -->$/.exec(lines[marker] ?? '');
    const skip = /^<!-- skip: (.+) -->$/.exec(lines[marker] ?? '');
    if (fence[1] === 'ts') {
      const code = lines.slice(start + 1, end).join('\n');
      blocks.push({ file, where: `${file}:${start + 1}`, line: start + 1, code, quote, skip });
    }
    i = end;
  }
}

const failures = [];
mkdirSync(join(workDir, 'out'), { recursive: true });
copyFileSync(join(fixtures, 'globals.d.mts'), join(workDir, 'globals.d.mts'));
copyFileSync(join(fixtures, 'prelude.mjs'), join(workDir, 'out', 'prelude.mjs'));

const runnable = [];
const skipped = [];
for (const block of blocks) {
  if (block.skip) {
    skipped.push(`${block.where} (${block.skip[1]})`);
    continue;
  }
  if (block.quote) {
    const [, file, region] = block.quote;
    const source = readFileSync(join(repo, file), 'utf8');
    const found = new RegExp(`// #region ${region}\\n([\\s\\S]*?)\\n// #endregion`).exec(source);
    if (!found) failures.push(`${block.where} quotes ${file}#${region}, which has no such region`);
    else if (found[1] !== block.code)
      failures.push(`${block.where} differs from ${file}#${region}: copy the region again`);
    continue;
  }
  const slug = block.file
    .replace(/\.md$/, '')
    .replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase();
  const name = `${slug}-${String(block.line).padStart(4, '0')}`;
  writeFileSync(join(workDir, `${name}.mts`), `// ${block.where}\n${block.code}\nexport {};\n`);
  runnable.push({ ...block, name });
}

writeFileSync(
  join(workDir, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'es2022',
      lib: ['es2022', 'dom'],
      types: ['node'],
      strict: true,
      skipLibCheck: true,
      outDir: 'out',
      rootDir: '.',
    },
    files: ['globals.d.mts', ...runnable.map((b) => `${b.name}.mts`)],
  }),
);
try {
  execFileSync(tsc, ['-p', join(workDir, 'tsconfig.json')], { cwd: workDir, stdio: 'pipe' });
} catch (error) {
  failures.push(`the documents' examples do not compile:\n${error.stdout}${error.stderr}`);
}

if (failures.length === 0) {
  for (const block of runnable) {
    const snippet = pathToFileURL(join(workDir, 'out', `${block.name}.mjs`)).href;
    const prelude = pathToFileURL(join(workDir, 'out', 'prelude.mjs')).href;
    const run = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(prelude)}); await import(${JSON.stringify(snippet)}); process.exit(0);`,
      ],
      { cwd: workDir, encoding: 'utf8', timeout: 30_000 },
    );
    if (run.status !== 0) {
      failures.push(
        `${block.where} failed when run (${run.signal ?? `exit ${run.status}`}):\n${run.stderr}`,
      );
    }
  }
}

if (failures.length > 0) {
  console.error(failures.join('\n\n'));
  process.exit(1);
}
const quoted = blocks.length - runnable.length - skipped.length;
console.log(
  `${documents.length} documents: ${runnable.length} examples compiled and run, ${quoted} quoted from examples/`,
);
// A skipped block says why, and is listed on every run until its marker goes.
for (const block of skipped) console.log(`  skipped: ${block}`);

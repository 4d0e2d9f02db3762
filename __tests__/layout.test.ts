// The folder layout is the architecture: files of one idea each, kebab-case, and imports that
// go only leftward (http -> errors, events -> credentials -> resilience -> auth -> client -> declare).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

const lineCount = (file: string): number => readFileSync(file, 'utf8').split('\n').length;

test('no file of src passes 200 lines (the declaration options, one idea told mostly in TSDoc, excepted)', () => {
  const long = filesUnder(SRC)
    .filter((file) => relative(SRC, file) !== join('declare', 'options.ts'))
    .filter((file) => lineCount(file) > 200)
    .map((file) => `${relative(SRC, file)} (${lineCount(file)} lines)`);

  expect(long).toEqual([]);
});

test('file names in src are kebab-case', () => {
  const names = filesUnder(SRC).map((file) => relative(SRC, file));

  expect(names.filter((name) => !/^[a-z0-9-]+(\/[a-z0-9-]+)*\.ts$/.test(name))).toEqual([]);
});

// Each layer, and the layers it may import. index.ts (the public entry) may import anything.
const LAYERS: Record<string, readonly string[]> = {
  http: [],
  // Every error's cause is scrubbed where the error is made (http's scrubError is a leaf).
  errors: ['http'],
  events: [],
  credentials: ['http', 'errors', 'events'],
  oauth: ['http', 'errors', 'events', 'credentials'],
  // Beside auth (both wrap the adapter): auth, client and declare import it, never the reverse.
  resilience: ['http', 'errors', 'events', 'credentials'],
  auth: ['http', 'errors', 'events', 'credentials', 'resilience'],
  client: ['http', 'errors', 'events', 'credentials', 'auth', 'resilience'],
  declare: ['http', 'errors', 'events', 'credentials', 'auth', 'client', 'resilience'],
  // The axios-dequest/redis subpath: stores for the interfaces of the layers it implements.
  redis: ['http', 'errors', 'events', 'credentials', 'resilience'],
};

const layerOf = (file: string): string => relative(SRC, file).split(/[/\\.]/)[0]!;

test('layers import only the layers to their left', () => {
  const wrong: string[] = [];
  for (const file of filesUnder(SRC)) {
    const layer = layerOf(file);
    if (layer === 'index') continue;
    const allowed = LAYERS[layer];
    expect(allowed).toBeDefined();
    for (const [, target] of readFileSync(file, 'utf8').matchAll(/from '(\.\.?\/[^']*)'/g)) {
      const imported = layerOf(join(file, '..', target!));
      if (imported !== layer && !allowed!.includes(imported)) {
        wrong.push(`${relative(SRC, file)} imports ${imported}`);
      }
    }
  }
  expect(wrong).toEqual([]);
});

// A reader finds the tests of src/<path>/<file>.ts in __tests__/<path>/<file>[.<aspect>].test.ts
// (wire tests add .wire, decorator-mode tests .legacy): every test file names its source.
const TESTS = join(__dirname);

function testFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? ['helpers', 'package'].includes(entry.name) && dir === TESTS
        ? []
        : testFilesUnder(join(dir, entry.name))
      : entry.name.endsWith('.test.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

test('every test file is named after the source file (or folder) it tests', () => {
  const orphans = testFilesUnder(TESTS)
    .map((file) => relative(TESTS, file))
    .filter((name) => name !== 'layout.test.ts')
    .filter((name) => {
      const source = join(SRC, name.replace(/\.[^/]*$/, ''));
      return !existsSync(`${source}.ts`) && !existsSync(source);
    });

  expect(orphans).toEqual([]);
});

// The declared-call layer's files: one idea each, and imports that go only leftward
// (credentials -> auth -> client -> declare; http/ and errors are shared by all).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', '..', 'src');

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

test('no file of src/declare passes 200 lines (the option types, one idea told mostly in TSDoc, excepted)', () => {
  const long = filesUnder(join(SRC, 'declare'))
    .filter((file) => relative(SRC, file) !== join('declare', 'options.ts'))
    .filter((file) => lineCount(file) > 200)
    .map((file) => `${relative(SRC, file)} (${lineCount(file)} lines)`);

  expect(long).toEqual([]);
});

test('file names in src/declare are kebab-case', () => {
  const names = filesUnder(join(SRC, 'declare')).map((file) => relative(SRC, file));

  expect(names.filter((name) => !/^[a-z0-9-]+(\/[a-z0-9-]+)*\.ts$/.test(name))).toEqual([]);
});

test('nothing left of the declared-call layer imports from it', () => {
  const left = [
    ...filesUnder(join(SRC, 'auth')),
    ...filesUnder(join(SRC, 'credentials')),
    ...filesUnder(join(SRC, 'http')),
    join(SRC, 'client.ts'),
    join(SRC, 'errors.ts'),
  ];
  const importsDeclare = left.filter((file) =>
    /from '(\.\.?\/)+declare(\/|')/.test(readFileSync(file, 'utf8')),
  );

  expect(importsDeclare.map((file) => relative(SRC, file))).toEqual([]);
});

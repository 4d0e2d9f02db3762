// Builds the published package: the main entry and the axios-dequest/redis subpath, as ESM and
// CJS, each with its own bundled types (.d.mts next to .mjs, .d.cts next to .cjs, as the
// `exports` map in package.json says). Both entries are built in one rollup run per format, so
// what they share (DequestError, the events) lands once in dist/chunks/: one class per format,
// however many entries a program imports.
import { rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

// Chunk names carry a content hash: clear out the last build's, or they would be packed too.
rmSync('dist', { recursive: true, force: true });

const input = { index: 'src/index.ts', redis: 'src/redis/index.ts' };
const tsconfig = './tsconfig.build.json';

// axios is a peer dependency: the user's copy must be the one we attach to, so it is never
// bundled. Node builtins stay imports too. Everything else (tslib's decorator helpers) is
// bundled, so the package has no runtime dependency.
const isExternal = (id) =>
  id === 'axios' ||
  id.startsWith('axios/') ||
  id.startsWith('node:') ||
  builtinModules.includes(id);

// An import rollup cannot resolve would silently become a runtime dependency: fail instead.
const onwarn = (warning, warn) => {
  if (warning.code === 'UNRESOLVED_IMPORT' || warning.code === 'CIRCULAR_DEPENDENCY') {
    throw new Error(`${warning.code}: ${warning.message}`);
  }
  warn(warning);
};

// dist/<entry>.<ext>, and the shared code in dist/chunks/ with the same extension.
const names = (ext) => ({
  entryFileNames: `[name].${ext}`,
  chunkFileNames: `chunks/shared-[hash].${ext}`,
});

export default [
  {
    input,
    external: isExternal,
    onwarn,
    plugins: [typescript({ tsconfig, noEmitOnError: true, removeComments: true })],
    output: [
      { dir: 'dist', format: 'es', ...names('mjs') },
      { dir: 'dist', format: 'cjs', exports: 'named', ...names('cjs') },
    ],
  },
  {
    input,
    external: isExternal,
    onwarn,
    plugins: [dts({ tsconfig })],
    output: [
      { dir: 'dist', format: 'es', ...names('d.mts') },
      { dir: 'dist', format: 'es', ...names('d.cts') },
    ],
  },
];

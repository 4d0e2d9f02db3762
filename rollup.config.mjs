// Builds the published package: one ESM and one CJS bundle of src/, each with its own bundled
// types (.d.mts next to .mjs, .d.cts next to .cjs, as the `exports` map in package.json says).
import { builtinModules } from 'node:module';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

const input = 'src/index.ts';
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

export default [
  {
    input,
    external: isExternal,
    onwarn,
    plugins: [typescript({ tsconfig, noEmitOnError: true, removeComments: true })],
    output: [
      { file: 'dist/index.mjs', format: 'es' },
      { file: 'dist/index.cjs', format: 'cjs', exports: 'named' },
    ],
  },
  {
    input,
    external: isExternal,
    onwarn,
    plugins: [dts({ tsconfig })],
    output: [
      { file: 'dist/index.d.mts', format: 'es' },
      { file: 'dist/index.d.cts', format: 'es' },
    ],
  },
];

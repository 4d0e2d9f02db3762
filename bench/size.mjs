// `npm run size`: what the package weighs. The ESM main bundle as published (raw and gzipped),
// the same bundle holding only the names of 0.1.0 (credentials, attachAuth, createClient,
// declared calls, errors: what the package weighed before OAuth and resilience came), each also
// with whitespace-only minification (names kept) for comparison, and the tarball as npm packs it.
// Markdown to stdout. Run after `npm run build` (the npm script does).
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import typescript from '@rollup/plugin-typescript';
import { rollup } from 'rollup';
import { minify } from 'terser';

// The public names of 0.1.0, from the CHANGELOG.
const ORIGINAL_NAMES = [
  'attachAuth',
  'createClient',
  'cachedCredential',
  'syncClient',
  'asyncClient',
  'HttpMethod',
  'ApiClient',
  'Get',
  'Post',
  'Put',
  'Patch',
  'Delete',
  'Path',
  'Query',
  'Body',
  'Form',
  'Header',
  'declared',
  'DequestError',
  'CredentialError',
  'ConfigurationError',
  'InvalidParameterValueError',
  'isDequestError',
  'isCredentialError',
  'isConfigurationError',
  'isInvalidParameterValueError',
];

const VIRTUAL = '\0original-entry';
const originalEntry = {
  name: 'original-entry',
  resolveId: (id) => (id === VIRTUAL ? id : null),
  load: (id) =>
    id === VIRTUAL
      ? `export { ${ORIGINAL_NAMES.join(', ')} } from ${JSON.stringify(`${process.cwd()}/src/index.ts`)};`
      : null,
};

async function bundle(input) {
  const build = await rollup({
    input,
    external: (id) => id === 'axios' || id.startsWith('axios/') || id.startsWith('node:'),
    plugins: [
      originalEntry,
      typescript({ tsconfig: './tsconfig.build.json', removeComments: true, noEmitOnError: true }),
    ],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  return output.map((chunk) => ('code' in chunk ? chunk.code : '')).join('\n');
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
async function row(name, code) {
  const { code: whitespace } = await minify(code, {
    module: true,
    compress: false,
    mangle: false,
    format: { comments: false },
  });
  const gz = (text) => gzipSync(text, { level: 9 }).length;
  const small = whitespace ?? code;
  return `| ${name} | ${kB(code.length)} | ${kB(gz(code))} | ${kB(small.length)} | ${kB(gz(small))} |`;
}

const [pack] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }),
);

console.log('| ESM main bundle | raw | gzipped | whitespace-only minified | gzipped |');
console.log('| --- | ---: | ---: | ---: | ---: |');
console.log(await row('as published (`dist/index.mjs`)', await bundle('src/index.ts')));
console.log(await row('the names of 0.1.0 only', await bundle(VIRTUAL)));
console.log();
console.log(
  `Tarball: ${kB(pack.size)} packed, ${kB(pack.unpackedSize)} unpacked (${pack.entryCount} files).`,
);

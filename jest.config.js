// Three runs of the same suite:
// - standard:     every test, with TypeScript's standard (TC39) decorators;
// - legacy:       the declared-call tests again, with `experimentalDecorators` (what Nest and
//                 most existing decorator code compile with), plus the *.legacy.test.ts files;
// - axios-oldest: the wire tests of auth/ and credentials/, and the client, declared-call, oauth/
//                 and http/ tests, with `axios` mapped to axios 1.6.8, the lowest version in the
//                 peer range (redirect handling, the fetch adapter and headers changed across 1.x).
//                 Not the multi-process tests: their child processes load the real axios.
// ts-jest only transpiles (tsconfig.json has isolatedModules); `npm run typecheck` checks types.

/** @param {Record<string, unknown>} compilerOptions overrides of tsconfig.json */
const tsJest = (compilerOptions) => ({
  // tsconfig.json says Node16 for `tsc`; jest loads CommonJS, so say so explicitly.
  '^.+\\.ts$': [
    'ts-jest',
    { tsconfig: { module: 'CommonJS', moduleResolution: 'Node10', ...compilerOptions } },
  ],
});

/** @type {import('jest').Config} */
const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Tests may only reach 127.0.0.1: anything else fails fast instead of hanging offline.
  setupFiles: ['<rootDir>/scripts/jest/loopback-only.js'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'standard',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: [
        '/node_modules/',
        '<rootDir>/__tests__/package/',
        '\\.legacy\\.test\\.ts$',
      ],
      transform: tsJest({ experimentalDecorators: false, emitDecoratorMetadata: false }),
    },
    {
      ...common,
      displayName: 'legacy',
      testMatch: [
        '<rootDir>/__tests__/declare/**/*.test.ts',
        '<rootDir>/__tests__/**/*.legacy.test.ts',
      ],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/package/'],
      transform: tsJest({ experimentalDecorators: true, emitDecoratorMetadata: true }),
    },
    {
      ...common,
      displayName: 'axios-oldest',
      testMatch: [
        '<rootDir>/__tests__/auth/**/*.wire.test.ts',
        '<rootDir>/__tests__/client/**/*.test.ts',
        '<rootDir>/__tests__/credentials/**/*.wire.test.ts',
        '<rootDir>/__tests__/declare/**/*.test.ts',
        '<rootDir>/__tests__/oauth/**/*.test.ts',
        '<rootDir>/__tests__/http/**/*.test.ts',
      ],
      testPathIgnorePatterns: [
        '/node_modules/',
        '<rootDir>/__tests__/package/',
        '\\.legacy\\.test\\.ts$',
        '\\.multi-process\\.test\\.ts$',
      ],
      transform: tsJest({ experimentalDecorators: false, emitDecoratorMetadata: false }),
      moduleNameMapper: {
        '^axios$': 'axios-oldest',
        '^axios/(.*)$': 'axios-oldest/$1',
      },
    },
  ],
};

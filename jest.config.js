// Jest runs TypeScript through swc (no type-check here: `npm run typecheck` does that).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
  testMatch: ['**/test/**/*.test.ts'],
  // A bound for a test or hook that hangs, not a measure of speed: CI runs every suite in one process on two
  // shared cores, where a test of 10 s on a quiet machine took 25 s (load 19) and 30 s timed out tests
  // that were only slow. A step in a browser has its own bound (test/e2e/browser.ts: 30 s).
  testTimeout: 120_000,
  globalSetup: '<rootDir>/test/build-dist.js',
  // Suites run in a worker process that is replaced once its heap passes 1 GB. In one process (what Jest
  // does on two cores) every suite left ~20 MB that no collection freed (ESM modules), ~3 GB after CI's 159
  // suites, near Node's 4.3 GB limit: three suites on a 2.5 GB heap took 6.6 times the CPU, then ran out.
  workerIdleMemoryLimit: '1GB',
};

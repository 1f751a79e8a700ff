// Four tiers, told apart by where a test file sits and how it is named:
//
// - unit         `*.test.ts` beside the code (anywhere outside test/): no sockets, servers or
//                databases (test/support/unit-isolation.ts fails a test that opens a socket),
//                fake timers, 5 s a test. `npm run test:unit`.
// - integration  `*.integration.test.ts` beside the code: an adapter, a simulator or one subgraph
//                over HTTP on port 0, against the real simulators.
// - db           `*.db.test.ts`: our storage code against the embedded PostgreSQL (PGlite), and
//                against PostgreSQL and Redis where TEST_DATABASE_URL and TEST_REDIS_URL name them;
//                one embedded database per file (test/support/test-database.ts).
// - e2e          `test/**/*.test.ts`: the whole system, as a client uses it.
//
// `npm test` runs them all (what CI runs); `npm run test:<tier>` one of them.
const shared = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
    // Packages published as ES modules only: Node requires them natively, Jest's module system
    // (before Node 24.9) needs them compiled to CommonJS like our own files.
    '/node_modules/(p-limit|yocto-queue)/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(p-limit|yocto-queue)/)'],
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
};
/** A project of the shared settings, with its time per test (test/support/tier-timeout.ts). */
const tier = (displayName, timeoutMs, settings) => ({
  ...shared,
  displayName,
  globals: { tierTimeoutMs: timeoutMs },
  ...settings,
  setupFilesAfterEnv: ['<rootDir>/test/support/tier-timeout.ts', ...(settings.setupFilesAfterEnv ?? [])],
});
const ignored = ['/node_modules/', '/dist/', '/.dev/'];

/** @type {import('jest').Config} */
module.exports = {
  // One worker per core: most of a suite's time is spent waiting on its servers, so on two cores
  // two workers take the whole run from 12 to about 6 minutes (jest's default leaves one core idle).
  maxWorkers: '100%',
  projects: [
    tier('unit', 5_000, {
      testMatch: ['<rootDir>/**/*.test.ts'],
      testPathIgnorePatterns: [...ignored, '<rootDir>/test/', '\\.integration\\.test\\.ts$', '\\.db\\.test\\.ts$'],
      setupFilesAfterEnv: ['<rootDir>/test/support/unit-isolation.ts'],
      fakeTimers: { enableGlobally: true },
    }),
    // Real servers on port 0 on a 2-core machine shared with other work: starting the whole system
    // in a beforeAll has taken over 30 s there when the machine was busy.
    tier('integration', 60_000, { testMatch: ['<rootDir>/**/*.integration.test.ts'], testPathIgnorePatterns: ignored }),
    tier('db', 60_000, { testMatch: ['<rootDir>/**/*.db.test.ts'], testPathIgnorePatterns: ignored }),
    tier('e2e', 90_000, { testMatch: ['<rootDir>/test/**/*.test.ts'], testPathIgnorePatterns: [...ignored, '\\.db\\.test\\.ts$'] }),
  ],
};

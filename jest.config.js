/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.dev/'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
    // Packages published as ES modules only: Node requires them natively, Jest's module system
    // (before Node 24.9) needs them compiled to CommonJS like our own files.
    '/node_modules/(p-limit|yocto-queue)/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(p-limit|yocto-queue)/)'],
  // End-to-end suites start real servers on port 0; give them room on a 2-core machine.
  testTimeout: 30000,
};

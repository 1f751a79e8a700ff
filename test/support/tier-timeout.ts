/**
 * Each tier's time per test, from its project's `globals` in jest.config.js (Jest takes
 * `testTimeout` only once for the whole run, not per project).
 */
const { tierTimeoutMs } = globalThis as { tierTimeoutMs?: unknown };
if (typeof tierTimeoutMs !== 'number') throw new Error('jest.config.js gives every project globals.tierTimeoutMs');
jest.setTimeout(tierTimeoutMs);

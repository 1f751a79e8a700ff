import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../config';
import { withErrorTable } from './error-table';
import { ERROR_CODES, graphqlError, SERVER_ERROR_CODES } from './index';

describe('the error-code registry', () => {
  it('says of every code what it means and since when, and a refusal status only where one exists', () => {
    for (const [code, definition] of Object.entries({ ...ERROR_CODES, ...SERVER_ERROR_CODES })) {
      const http: number | undefined = 'http' in definition ? definition.http : undefined;
      expect({ code, described: definition.description.length > 10, date: /^\d{4}-\d{2}-\d{2}$/.test(definition.addedIn) }).toEqual({ code, described: true, date: true });
      // A refusal is the client's to change (4xx), or the service's at capacity (503).
      if (http !== undefined) expect({ code, http: (http >= 400 && http < 500) || http === 503 }).toEqual({ code, http: true });
    }
  });

  it("is what the README's error table shows (npm run errors:doc rewrites it)", () => {
    const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
    expect(withErrorTable(readme)).toBe(readme);
  });

  it('finds a README table that no longer matches the registry', () => {
    const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
    const edited = readme.replace('| `SLOT_TAKEN` |', '| `SLOT_GONE` |');
    expect(edited).not.toBe(readme);
    expect(withErrorTable(edited)).not.toBe(edited);
    expect(() => withErrorTable('no markers here')).toThrow(/error table/);
  });
});

describe('graphqlError', () => {
  it("carries the code and, by default, the registry's description as its message", () => {
    const error = graphqlError('SLOT_TAKEN');
    expect(error.message).toBe(ERROR_CODES.SLOT_TAKEN.description);
    expect(error.extensions).toEqual({ code: 'SLOT_TAKEN' });
  });

  it("refuses the whole request with the registry's HTTP status and the headers given", () => {
    const error = graphqlError('RATE_LIMITED', 'Too many requests.', { retryAfterSeconds: 7 }, { http: { headers: { 'retry-after': '7' } } });
    const http = error.extensions.http as { status: number; headers: Map<string, string> };
    expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 7 });
    expect(http.status).toBe(429);
    expect([...http.headers]).toEqual([['retry-after', '7']]);
    expect((graphqlError('PERSISTED_QUERY_NOT_FOUND', 'x', {}, { http: true }).extensions.http as { status: number }).status).toBe(400);
    expect((graphqlError('BAD_USER_INPUT', 'x', {}, { http: { status: 413 } }).extensions.http as { status: number }).status).toBe(413);
  });

  it('will not invent a status for a code that never refuses a request whole', () => {
    expect(() => graphqlError('SLOT_TAKEN', 'x', {}, { http: true })).toThrow(/no HTTP status/);
  });

  it('keeps its cause for the logs, out of what the client reads', () => {
    const cause = new Error('connect ECONNREFUSED 10.0.0.7:8443');
    const error = graphqlError('LEGACY_UNAVAILABLE', undefined, { system: 'emias' }, { cause });
    expect(error.originalError).toBe(cause);
    expect(JSON.stringify(error.toJSON())).not.toContain('ECONNREFUSED');
  });
});

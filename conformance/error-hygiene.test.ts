import { errorFaults } from './error-hygiene';

describe('errorFaults', () => {
  it('accepts a registered code, ours or Apollo Server’s own, with a plain message', () => {
    expect(errorFaults({ message: 'The request did not come through the gateway.', extensions: { code: 'UNAUTHENTICATED' } })).toEqual([]);
    expect(errorFaults({ message: 'Cannot query field "x" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })).toEqual([]);
    expect(errorFaults({ message: 'EMIAS did not answer.', extensions: { code: 'LEGACY_TIMEOUT', system: 'emias' } })).toEqual([]);
  });

  it('names a missing or unregistered code', () => {
    expect(errorFaults({ message: 'oops' })).toEqual(['an error without extensions.code']);
    expect(errorFaults({ message: 'oops', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } })).toEqual([
      'the code "DOWNSTREAM_SERVICE_ERROR" is not in the registry (platform/errors/error-codes.ts)',
    ]);
  });

  it('names a stack trace and each kind of internal address', () => {
    const faults = errorFaults({
      message: 'request to http://emias.internal:8080/rpc failed: connect ECONNREFUSED 10.1.2.3:8080',
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: x', '    at fetch (/app/dist/adapters/emias/client.js:42:11)'] },
    });
    expect(faults).toEqual([
      'a stack trace (extensions.stacktrace)',
      'a URL (http://emias.internal:8080/rpc)',
      'an IP address (10.1.2.3)',
      'a host and port (emias.internal:8080)',
      'a socket error (ECONNREFUSED)',
      'a file path (/app/dist/adapters/emias/client.js:42:11)',
      'a source location (.js:42:11)',
      'a stack frame (at fetch (/)',
    ]);
  });

  it('does not mistake times and dates for addresses', () => {
    expect(errorFaults({ message: 'Readings are taken from 2026-11-15T00:00:00+03:00 to 12:00.', extensions: { code: 'READING_OUTSIDE_WINDOW' } })).toEqual([]);
  });
});

import { causeOf, isLegacyError, LegacyError, LegacyTimeoutError, LegacyUnavailableError } from './legacy-errors';

describe('LegacyError', () => {
  it('is recognised when made by another copy of the module', () => {
    let Copy: typeof import('./legacy-errors') | undefined;
    jest.isolateModules(() => {
      Copy = jest.requireActual<typeof import('./legacy-errors')>('./legacy-errors');
    });
    const foreign = new Copy!.LegacyTimeoutError('emias', 'POST /rpc', 500);
    expect(foreign).not.toBeInstanceOf(LegacyTimeoutError);
    expect(isLegacyError(foreign)).toBe(true);
    expect(foreign instanceof LegacyError).toBe(true);
    expect(Copy!.isLegacyError(new LegacyUnavailableError('emias', 'POST /rpc'))).toBe(true);
    // The subclasses still tell failures apart.
    expect(new LegacyUnavailableError('emias', 'POST /rpc') instanceof LegacyTimeoutError).toBe(false);
    for (const other of [new Error('x'), { code: 'LEGACY_TIMEOUT', system: 'emias' }, null, 'LEGACY_TIMEOUT']) {
      expect(isLegacyError(other)).toBe(false);
      expect(other instanceof LegacyError).toBe(false);
    }
  });

  it('keeps its cause, and names it in logs by class and code only', () => {
    const socket = Object.assign(new Error('other side closed: 10.0.0.7:8101/persons/1244'), { name: 'SocketError', code: 'UND_ERR_SOCKET' });
    const error = new LegacyUnavailableError('registry', 'GET /persons/:id', undefined, undefined, { cause: socket });
    expect(error.cause).toBe(socket);
    expect(error.message).toBe('registry is unreachable');
    expect(causeOf(error)).toEqual({ name: 'SocketError', code: 'UND_ERR_SOCKET' });
    expect(causeOf(new LegacyTimeoutError('registry', 'GET /persons/:id', 200))).toBeUndefined();
  });
});

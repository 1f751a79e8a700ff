import { Writable } from 'node:stream';
import { createLogger } from '../../../platform/logging';
import type { LegacyCall, LegacyReply } from '../legacy-call';
import type { Answer, CallContext } from '../policy';
import { Reporter } from '../reporter';
import type { TransportEvent } from '../transport-events';

/** What the policies' own tests share: a call as the transport would hand it on, and a reporter to watch. */

/** A call begun now, outside any request, with the given parts; a GET of `/items` by default. */
export function callContext(overrides: Partial<Omit<CallContext<unknown>, 'call'>> & { call?: Partial<LegacyCall> } = {}): CallContext<unknown> {
  const started = Date.now();
  const { call, ...rest } = overrides;
  return {
    call: { method: 'GET', path: '/items', endpoint: 'GET /items', ...call },
    decode: (reply) => JSON.parse(reply.body) as unknown,
    scope: undefined,
    requestId: undefined,
    share: undefined,
    cacheKey: undefined,
    started,
    deadline: started + 2_000,
    signal: new AbortController().signal,
    attempts: 0,
    ...rest,
  };
}

/** A live answer carrying `value`. */
export function liveAnswer(value: unknown = { ok: true }): Answer<unknown> {
  const reply: LegacyReply = { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
  return { value, reply, served: 'live' };
}

/** A reporter for the system `test` whose events and log lines the test reads. */
export function watchedReporter(): { reporter: Reporter; events: TransportEvent[]; logLines: () => Array<Record<string, unknown>> } {
  const events: TransportEvent[] = [];
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ service: 'test', level: 'debug', destination });
  return {
    reporter: new Reporter('test', logger, (event) => events.push(event)),
    events,
    logLines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** A promise with its resolver, to hold a call open as long as a test wants. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

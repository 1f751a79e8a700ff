import type { Blueprint } from '../blueprint';

/** Where the adapter's recorded answer lives, from the repository root. */
export function fixtureFile(b: Blueprint): string {
  return `adapters/${b.system.kebab}/fixtures/summary.json`;
}

/** The endpoint label the adapter, its errors and its tests name the one call by. */
export const SUMMARY_ENDPOINT = 'GET /api/v1/persons/:personId/summary';

/**
 * `adapters/<system>/`: the same roles as every adapter — the port the subgraph depends on, the
 * client over the shared transport, the wire schema (zod) of the system's payload, the mapper that
 * validates and crosses from wire to domain, the system's errors, and a mapper test on the answer
 * recorded from the simulator (`fixtures/`, written once the simulator exists).
 */
export function adapterFiles(b: Blueprint): Record<string, string> {
  const { system: s } = b;
  const SYSTEM = `${s.constant}_SYSTEM`;
  const dir = `adapters/${s.kebab}`;
  return {
    [`${dir}/port.ts`]: `/**
 * ${b.SystemTitle} (behind the ${b.subgraph.kebab} subgraph) as the graph needs it: a resident's
 * account there, by the registry's person id. Domain types only; the system's wire shapes stay in
 * \`wire.ts\`.
 *
 * Written by \`npm run subgraph:new\` over the simulator in \`legacy/${s.kebab}\`: when the department
 * connects the real system, its calls replace the simulator's here and in \`client.ts\`.
 */

/** How the account stands. */
export type ${s.pascal}AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'CLOSED';

/** A resident's account in ${b.systemTitle}. */
export interface ${b.domainType} {
  personId: string;
  /** The account's number there: 1 to 32 printable characters. */
  accountNumber: string;
  status: ${s.pascal}AccountStatus;
  /** What the system counts as open on the account: a whole number, never negative. */
  openItems: number;
  /** ISO-8601 with the Moscow offset. */
  updatedAt: string;
}

/**
 * The port the ${b.subgraph.kebab} subgraph depends on. Domain arguments only: the request id, the
 * deadline and the caller travel in the request scope (\`platform/request-scope\`), which the
 * shared transport reads.
 */
export interface ${s.pascal}Port {
  /** The person's account; null when the system keeps none for them. */
  getSummary(personId: string): Promise<${b.domainType} | null>;
}
`,
    [`${dir}/wire.ts`]: `import { z } from 'zod';

/** The payloads of ${b.systemTitle}, exactly as it sends them: snake_case, and its own words for the status. */
export const Wire${s.pascal}Summary = z.object({
  person_id: z.string(),
  account_number: z.string(),
  status: z.string(),
  open_items: z.number(),
  updated_at: z.string(),
});
export type Wire${s.pascal}Summary = z.infer<typeof Wire${s.pascal}Summary>;

export const Wire${s.pascal}SummaryReply = z.object({ summary: Wire${s.pascal}Summary });
`,
    [`${dir}/errors.ts`]: `import { LegacyBadResponseError, LegacyNotFoundError, type LegacyError, type LegacyReply } from '../transport';

export const ${SYSTEM} = '${s.kebab}';

/**
 * A reply of ${b.systemTitle} that is neither the account nor "no such account", as a typed error. 429 and
 * 5xx never get here: the transport has made them LEGACY_RATE_LIMITED and LEGACY_UNAVAILABLE. The
 * system's own error text is never carried: it may name the person it refused.
 */
export function ${s.camel}ErrorOf(reply: LegacyReply, endpoint: string): LegacyError {
  switch (reply.status) {
    case 401:
    case 403:
      return new LegacyBadResponseError(${SYSTEM}, endpoint, 'the system refused the graph\\'s service token');
    case 404:
      return new LegacyNotFoundError(${SYSTEM}, endpoint);
    default:
      return new LegacyBadResponseError(${SYSTEM}, endpoint, \`unexpected HTTP \${reply.status}\`);
  }
}
`,
    [`${dir}/mapper.ts`]: `import { toMoscowInstant } from '../../platform/time';
import { LegacyBadResponseError } from '../transport';
import { ${SYSTEM} } from './errors';
import type { ${s.pascal}AccountStatus, ${b.domainType} } from './port';
import type { Wire${s.pascal}Summary } from './wire';

/** The system's words for a status → the domain's. */
const STATUS: Readonly<Record<string, ${s.pascal}AccountStatus>> = { active: 'ACTIVE', suspended: 'SUSPENDED', closed: 'CLOSED' };
const PERSON_ID = /^[1-9]\\d{0,9}$/;
/** Printable, without control or format characters, at most 32: what the graph shows as an account number. */
const ACCOUNT_NUMBER = /^[\\p{L}\\p{N}\\p{P}\\p{S}]{1,32}$/u;

/**
 * An account of ${b.systemTitle} → domain, refusing what the graph could not show rather than passing it on.
 * The reasons name the field, never its value: a payload may carry personal data.
 */
export function to${b.domainType}(wire: Wire${s.pascal}Summary, endpoint: string): ${b.domainType} {
  const bad = (reason: string): never => {
    throw new LegacyBadResponseError(${SYSTEM}, endpoint, reason);
  };
  if (!PERSON_ID.test(wire.person_id)) bad('summary.person_id is not a person id');
  if (!ACCOUNT_NUMBER.test(wire.account_number)) bad('summary.account_number is not 1 to 32 printable characters');
  const status = STATUS[wire.status] ?? bad('summary.status is not one the graph knows');
  if (!Number.isInteger(wire.open_items) || wire.open_items < 0) bad('summary.open_items is not a whole number of at least 0');
  const updatedAt = toMoscowInstant(wire.updated_at, { requireOffset: true }) ?? bad('summary.updated_at is not an instant with its offset');
  return { personId: wire.person_id, accountNumber: wire.account_number, status, openItems: wire.open_items, updatedAt };
}
`,
    [`${dir}/client.ts`]: `import { LegacyTransport, parseWire, READ_MOSTLY_FRESH_MS } from '../transport';
import { ${SYSTEM}, ${s.camel}ErrorOf } from './errors';
import { to${b.domainType} } from './mapper';
import type { ${s.pascal}Port, ${b.domainType} } from './port';
import { Wire${s.pascal}SummaryReply } from './wire';

const ENDPOINT = { summary: '${SUMMARY_ENDPOINT}' } as const;
/** The person ids the registry gives out; nothing else is put into a URL. */
const PERSON_ID = /^[1-9]\\d{0,9}$/;

export interface ${s.pascal}ClientOptions {
  transport: LegacyTransport;
  /** The service token ${b.systemTitle} issued to the graph. */
  serviceToken: string;
}

/** ${b.SystemTitle} over REST: one resident's account per call. */
export class ${s.pascal}Client implements ${s.pascal}Port {
  private readonly transport: LegacyTransport;
  private readonly headers: Record<string, string>;

  constructor(options: ${s.pascal}ClientOptions) {
    if (options.transport.system !== ${SYSTEM}) throw new Error(\`${s.pascal}Client needs a transport for "\${${SYSTEM}}"\`);
    this.transport = options.transport;
    this.headers = { authorization: \`Bearer \${options.serviceToken}\`, accept: 'application/json' };
  }

  async getSummary(personId: string): Promise<${b.domainType} | null> {
    // Not a person the registry knows: no one's account, and nothing to ask the system.
    if (!PERSON_ID.test(personId)) return null;
    return this.transport.call(
      {
        method: 'GET',
        path: \`/api/v1/persons/\${personId}/summary\`,
        endpoint: ENDPOINT.summary,
        headers: this.headers,
        // Read-mostly: a repeat view within a minute is served from the per-principal cache, and an
        // outage is bridged by the last answer, marked stale. Decoded inside the call, so only a
        // real answer is kept.
        cache: { key: personId, freshMs: READ_MOSTLY_FRESH_MS, staleMs: READ_MOSTLY_FRESH_MS },
      },
      (reply) => {
        if (reply.status === 404) return null;
        if (reply.status !== 200) throw ${s.camel}ErrorOf(reply, ENDPOINT.summary);
        const body = parseWire(Wire${s.pascal}SummaryReply, this.transport.parseJson(reply, ENDPOINT.summary), ${SYSTEM}, ENDPOINT.summary);
        return to${b.domainType}(body.summary, ENDPOINT.summary);
      },
    );
  }
}
`,
    [`${dir}/index.ts`]: `export { ${s.pascal}Client, type ${s.pascal}ClientOptions } from './client';
export { ${SYSTEM}, ${s.camel}ErrorOf } from './errors';
export { to${b.domainType} } from './mapper';
export type { ${s.pascal}AccountStatus, ${s.pascal}Port, ${b.domainType} } from './port';
`,
    [`${dir}/mapper.test.ts`]: `import recorded from './fixtures/summary.json';
import { to${b.domainType} } from './mapper';
import { Wire${s.pascal}SummaryReply, type Wire${s.pascal}Summary } from './wire';

const wire = Wire${s.pascal}SummaryReply.parse(recorded).summary;
const endpoint = '${SUMMARY_ENDPOINT}';

describe('${s.kebab} mapper', () => {
  it('maps the recorded account to the domain summary', () => {
    expect(to${b.domainType}(wire, endpoint)).toEqual({
      personId: wire.person_id,
      accountNumber: wire.account_number,
      status: wire.status.toUpperCase(),
      openItems: wire.open_items,
      updatedAt: wire.updated_at,
    });
  });

  it.each([
    ['a status the graph does not know', { status: 'archived' }, 'status'],
    ['a negative count', { open_items: -1 }, 'open_items'],
    ['a count that is not whole', { open_items: 2.5 }, 'open_items'],
    ['a time without its offset', { updated_at: '2026-11-03T10:15:00' }, 'updated_at'],
    ['a day that does not exist', { updated_at: '2026-02-30T10:15:00+03:00' }, 'updated_at'],
    ['an account number with a control character', { account_number: 'ACC\\u0000-1' }, 'account_number'],
    ['a person id that is not the registry\\'s', { person_id: 'Иванов' }, 'person_id'],
  ])('refuses %s as LEGACY_BAD_RESPONSE, without quoting it', (_name, patch, field) => {
    const broken = { ...wire, ...patch } as Wire${s.pascal}Summary;
    let caught: unknown;
    try {
      to${b.domainType}(broken, endpoint);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: '${s.kebab}' });
    expect((caught as Error).message).toContain(field);
    expect((caught as Error).message).not.toContain(String(Object.values(patch)[0]));
  });
});
`,
    [`${dir}/fixtures/README.md`]: `# Fixtures of ${b.systemTitle}

\`summary.json\` is the simulator's answer to \`${SUMMARY_ENDPOINT}\` (\`legacy/${s.kebab}\`,
default seed), recorded by \`npm run subgraph:new\` when it made this adapter. The mapper test reads
it. When the department connects the real system, record its answers here instead, with where they
come from.
`,
  };
}

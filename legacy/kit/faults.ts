/**
 * Run-time fault settings of a simulator, for the whole system or one endpoint, set through
 * `POST /__admin/faults` so that tests and benchmarks break a real server the way a legacy
 * system breaks: slow, hung, failing, answering garbage, or gone.
 */

/** The kinds of garbage a misbehaving system answers with, all with HTTP 200. */
export const MALFORMED_KINDS = ['truncated', 'html', 'empty', 'wrong-shape'] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

export interface FaultSettings {
  /** Added before answering, in milliseconds. */
  latencyMs?: number;
  /** Up to this many more milliseconds, uniformly at random. */
  jitterMs?: number;
  /** Share of requests (0..1) that fail with `status`. */
  errorRate?: number;
  /** The status a failing request answers with; 200 means the system's own in-body error. */
  status?: number;
  /** Accept the request and never answer. */
  hang?: boolean;
  /** Answer 200 with a body that is not what the protocol promises. */
  malformed?: MalformedKind;
  /** Drop every connection without an answer, like a host behind a dead balancer. */
  down?: boolean;
}

export interface FaultRule extends FaultSettings {
  /** An endpoint name (`GET /api/...`) as `GET /__admin/stats` lists it; absent means the whole system. */
  endpoint?: string;
}

const NUMBER_FIELDS = ['latencyMs', 'jitterMs', 'errorRate', 'status'] as const;

/** Validates a fault rule from the admin endpoint; throws with a message naming the bad field. */
export function parseFaultRule(input: unknown): FaultRule {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error('a fault rule is a JSON object');
  }
  const raw = input as Record<string, unknown>;
  const rule: FaultRule = {};
  for (const key of Object.keys(raw)) {
    if (![...NUMBER_FIELDS, 'hang', 'malformed', 'down', 'endpoint'].includes(key)) {
      throw new Error(`unknown fault field "${key}"`);
    }
  }
  for (const field of NUMBER_FIELDS) {
    const value = raw[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error(`${field} must be a non-negative number`);
    }
    rule[field] = value;
  }
  if (rule.errorRate !== undefined && rule.errorRate > 1) throw new Error('errorRate must be within 0..1');
  if (rule.status !== undefined && (rule.status < 200 || rule.status > 599)) throw new Error('status must be 200..599');
  for (const flag of ['hang', 'down'] as const) {
    if (raw[flag] === undefined) continue;
    if (typeof raw[flag] !== 'boolean') throw new Error(`${flag} must be true or false`);
    rule[flag] = raw[flag] as boolean;
  }
  if (raw.malformed !== undefined) {
    if (!MALFORMED_KINDS.includes(raw.malformed as MalformedKind)) {
      throw new Error(`malformed must be one of ${MALFORMED_KINDS.join(', ')}`);
    }
    rule.malformed = raw.malformed as MalformedKind;
  }
  if (raw.endpoint !== undefined) {
    if (typeof raw.endpoint !== 'string' || raw.endpoint.length === 0) throw new Error('endpoint must be a name');
    rule.endpoint = raw.endpoint;
  }
  return rule;
}

/** The rules in force; an endpoint's own rule overrides the system-wide one field by field. */
export class FaultTable {
  private system: FaultSettings = {};
  private readonly endpoints = new Map<string, FaultSettings>();

  set(rule: FaultRule): void {
    const { endpoint, ...settings } = rule;
    if (endpoint === undefined) this.system = { ...this.system, ...settings };
    else this.endpoints.set(endpoint, { ...this.endpoints.get(endpoint), ...settings });
  }

  clear(): void {
    this.system = {};
    this.endpoints.clear();
  }

  /** The settings for a request to `endpoint`. */
  for(endpoint: string): FaultSettings {
    const own = this.endpoints.get(endpoint);
    return own ? { ...this.system, ...own } : this.system;
  }

  snapshot(): { system: FaultSettings; endpoints: Record<string, FaultSettings> } {
    return { system: { ...this.system }, endpoints: Object.fromEntries(this.endpoints) };
  }
}

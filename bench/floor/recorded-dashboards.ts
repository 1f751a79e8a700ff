import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LegacySystem } from '../../deploy/simulators';
import { repoRoot } from '../../platform/config';
import type { SubgraphName } from '../../schema';

/** Header names and values as they crossed the wire, hop-by-hop headers left out. */
export type RecordedHeaders = Record<string, string | string[]>;

/** One HTTP message: what was sent or answered, byte for byte in its body. */
export interface RecordedMessage {
  headers: RecordedHeaders;
  body: string;
}

export interface RecordedRequest extends RecordedMessage {
  method: string;
  /** Path and query, as the server saw them. */
  path: string;
}

export interface RecordedResponse extends RecordedMessage {
  status: number;
}

/**
 * One call of a batch a caller made (a subgraph's legacy calls, the gateway's subgraph fetches),
 * with when it may start: `after` is the index of the call whose answer it waited for, or -1 when
 * it went out as soon as the batch began. That one number holds both order and parallelism.
 */
export interface OrderedCall {
  after: number;
}

/** A subgraph's call to a legacy system during one dashboard. */
export interface RecordedLegacyCall extends OrderedCall {
  /** The simulator that answered it (the fines service lives with `parking`). */
  system: LegacySystem;
  request: RecordedRequest;
  response: RecordedResponse;
}

/** The gateway's fetch from one subgraph during one dashboard, and the legacy calls it cost. */
export interface RecordedFetch extends OrderedCall {
  subgraph: SubgraphName;
  request: RecordedRequest;
  response: RecordedResponse;
  legacyCalls: RecordedLegacyCall[];
}

/** Everything one dashboard exchanged below the client: the gateway's answer, its fetches and their legacy calls. */
export interface RecordedDashboard {
  /** What the gateway answered the client. */
  response: RecordedResponse;
  fetches: RecordedFetch[];
}

/** The committed recording the system floor replays. */
export interface FloorRecording {
  /** How it was made, to make it again. */
  recordedWith: string;
  /** The clock the simulators ran at, so a recording made again answers the same. */
  simulatorNow: string;
  dashboards: RecordedDashboard[];
}

/**
 * Where the committed recording lives in the source tree, whether this runs from `dist/` or from
 * the sources; `npx tsx bench/floor/record.ts` writes it.
 */
export function recordingFile(): string {
  return join(repoRoot(), 'bench', 'floor', 'recorded-dashboards.json');
}

/** Reads the recording; a file that is not one (hand-edited, truncated) fails at once, by what is wrong. */
export function readFloorRecording(file = recordingFile()): FloorRecording {
  const recording = JSON.parse(readFileSync(file, 'utf8')) as FloorRecording;
  if (!Array.isArray(recording.dashboards) || recording.dashboards.length === 0) throw new Error(`${file}: no dashboards recorded`);
  recording.dashboards.forEach((d, i) => {
    if (!d.response || !Array.isArray(d.fetches) || d.fetches.length === 0) throw new Error(`${file}: dashboard ${i} has no answer or no fetches`);
  });
  return recording;
}

/**
 * A request id the stand-ins can route by: a UUID's shape and length, as the gateway's ids have
 * (so the bytes on the wire are the same), with the recorded dashboard's index in its first group.
 */
export function floorRequestId(dashboard: number, serial: number): string {
  const hex = (n: number, width: number): string => (n >>> 0).toString(16).padStart(width, '0').slice(-width);
  return `${hex(dashboard, 8)}-${hex(serial >>> 16, 4)}-4${hex(serial, 3)}-8${hex(process.pid, 3)}-${hex(serial, 12)}`;
}

/** The recorded dashboard a floor request id names, or undefined for any other id. */
export function dashboardOf(requestId: string | string[] | undefined): number | undefined {
  const id = Array.isArray(requestId) ? requestId[0] : requestId;
  if (!id || !/^[0-9a-f]{8}-/.test(id)) return undefined;
  return Number.parseInt(id.slice(0, 8), 16);
}

/**
 * Headers a client or server sets itself for each connection or body; they are neither recorded
 * nor replayed, so Node and undici write them as they would for the real services.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host', 'date', 'upgrade', 'proxy-connection', 'te', 'trailer']);

/** The headers worth recording and replaying: all but the hop-by-hop ones. */
export function endToEndHeaders(headers: Record<string, string | string[] | undefined>): RecordedHeaders {
  const out: RecordedHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name.toLowerCase())) continue;
    out[name.toLowerCase()] = value;
  }
  return out;
}

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { startEmbeddedSystem } from '../../deploy/embedded-system';
import { LEGACY_SYSTEMS, type SystemFaults } from '../../deploy/simulators';
import { INTERNAL_CREDENTIAL_HEADER } from '../../platform/auth';
import { REQUEST_ID_HEADER } from '../../platform/request-scope';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../schema';
import { trustedDashboardBody } from '../dashboard-request';
import { dashboardResidents } from '../residents-pool';
import { waitedFor } from './call-order';
import { endToEndHeaders, type FloorRecording, type RecordedDashboard, type RecordedFetch, type RecordedHeaders, recordingFile } from './recorded-dashboards';
import { type CapturedExchange, RecordingProxy } from './recording-proxy';

/** The simulators' clock while recording: a fixed instant, so recording again answers the same. */
const SIMULATOR_NOW = '2026-11-21T12:00:00+03:00';

/**
 * Every system's latency while recording. Well above the machine's own delays, so calls made
 * together go out within a fraction of it and a call that waited for another is plainly later
 * (`waitedFor`); the stand-ins replay the order, not these latencies.
 */
const RECORDING_LATENCY_MS = 25;

export interface RecordOptions {
  /** How many residents of the benchmark's pool to record, one dashboard each. */
  residents: number;
  /** Told of each dashboard as it is recorded. */
  onProgress?: (done: number) => void;
}

/**
 * Runs the real graph in production mode with a recording proxy between every caller and every
 * service, opens the dashboard of each of the benchmark's first residents, and keeps what each
 * hop sent and answered, byte for byte, with the order and parallelism of the calls. Internal
 * credentials are replaced by filler of the same length: the stand-ins check nothing.
 */
export async function recordDashboards(options: RecordOptions): Promise<FloorRecording> {
  const proxy = new RecordingProxy();
  const faults = Object.fromEntries(LEGACY_SYSTEMS.map((s) => [s, [{ latencyMs: RECORDING_LATENCY_MS }]])) as SystemFaults;
  const system = await startEmbeddedSystem({
    production: true,
    now: new Date(SIMULATOR_NOW),
    faults,
    logLevel: 'silent',
    gateway: { rateLimit: false },
    interpose: {
      legacy: (subgraph, legacySystem, url) => proxy.route(`${subgraph}→${legacySystem}`, url),
      subgraph: (name, url) => proxy.route(`gateway→${name}`, url),
    },
  });
  try {
    const [warmUp, ...residents] = dashboardResidents(system.population, options.residents + 1);
    const open = async (personId: number): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> => {
      const res = await request(system.gateway.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await system.tokenFor(personId)}` },
        body: trustedDashboardBody(),
      });
      return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
    };
    // The portal sessions open as the services start, best effort: one dashboard first, so what is
    // recorded is what every later one costs.
    await open(warmUp!.id);
    const dashboards: RecordedDashboard[] = [];
    for (const resident of residents) {
      proxy.clear();
      const answer = await open(resident.id);
      if (answer.status !== 200 || answer.body.includes('"errors"')) throw new Error(`the dashboard of a recorded resident failed (HTTP ${answer.status})`);
      const requestId = answer.headers[REQUEST_ID_HEADER];
      const ofRequest = proxy.captured.filter((e) => e.requestId === requestId);
      dashboards.push({ response: { status: answer.status, headers: endToEndHeaders(answer.headers), body: answer.body }, fetches: fetchesOf(ofRequest) });
      options.onProgress?.(dashboards.length);
    }
    return { recordedWith: `npx tsx bench/floor/record.ts --residents ${options.residents}`, simulatorNow: SIMULATOR_NOW, dashboards };
  } finally {
    await system.close();
    await proxy.close();
  }
}

/** The gateway's fetches of one dashboard, each with the legacy calls made while it was served. */
function fetchesOf(exchanges: ReadonlyArray<CapturedExchange>): RecordedFetch[] {
  const byStart = [...exchanges].sort((a, b) => a.start - b.start);
  const fetches = byStart.filter((e) => e.route.startsWith('gateway→'));
  const order = waitedFor(fetches);
  return fetches.map((fetch, i) => {
    const subgraph = fetch.route.slice('gateway→'.length) as SubgraphName;
    if (!SUBGRAPH_NAMES.includes(subgraph)) throw new Error(`unexpected route ${fetch.route}`);
    const calls = byStart.filter((e) => e.route.startsWith(`${subgraph}→`) && e.start >= fetch.start && e.start <= fetch.end);
    const callOrder = waitedFor(calls);
    checkUnambiguous(calls);
    return {
      subgraph,
      after: order[i]!,
      request: { ...fetch.request, headers: withFillerCredential(fetch.request.headers) },
      response: fetch.response,
      legacyCalls: calls.map((call, k) => ({
        system: call.route.slice(call.route.indexOf('→') + 1) as RecordedFetch['legacyCalls'][number]['system'],
        after: callOrder[k]!,
        request: call.request,
        response: call.response,
      })),
    };
  });
}

/** The legacy stand-ins answer by method and path: two calls of one request that share them must have had one answer. */
function checkUnambiguous(calls: ReadonlyArray<CapturedExchange>): void {
  const answers = new Map<string, string>();
  for (const call of calls) {
    const key = `${call.route} ${call.request.method} ${call.request.path}`;
    const known = answers.get(key);
    if (known !== undefined && known !== call.response.body) throw new Error(`${call.route}: two calls to one path answered differently; the stand-ins could not tell them apart`);
    answers.set(key, call.response.body);
  }
}

function withFillerCredential(headers: RecordedHeaders): RecordedHeaders {
  const credential = headers[INTERNAL_CREDENTIAL_HEADER];
  return typeof credential === 'string' ? { ...headers, [INTERNAL_CREDENTIAL_HEADER]: 'x'.repeat(credential.length) } : headers;
}

/** `npx tsx bench/floor/record.ts [--residents 8]`: records the dashboards the floor replays into the committed file. */
async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const { values } = parseArgs({ args: process.argv.slice(2), options: { residents: { type: 'string', default: '8' } } });
  const residents = Number(values.residents);
  if (!Number.isInteger(residents) || residents < 1 || residents > 200) throw new Error('--residents must be a whole number from 1 to 200');
  const recording = await recordDashboards({ residents, onProgress: (n) => process.stderr.write(`recorded ${n} of ${residents}\n`) });
  writeFileSync(recordingFile(), `${JSON.stringify(recording, null, 1)}\n`);
  process.stderr.write(`wrote ${recordingFile()}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`recording failed: ${(error as Error).stack}\n`);
    process.exit(1);
  });
}

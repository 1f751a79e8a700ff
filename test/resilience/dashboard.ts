import type { EmbeddedSystem, LegacySystem } from '../../deploy/embedded-system';
import { RESIDENT_DASHBOARD } from '../../operations';
import { type ClientReply, postGraphQL } from '../support/graphql-client';

/** The dashboard as the resilience suites read it. */
export interface Dashboard {
  me: {
    fullName: string;
    appointments: Array<{ id: string }> | null;
    medicalCard: { documents: unknown[] | null } | null;
    children: Array<{ student: { marks: unknown[] | null } | null }>;
    homes: Array<{ meters: unknown[] | null; bills: unknown[] | null }> | null;
    vehicles: Array<{ fines: unknown[] | null; residentPermit: unknown }> | null;
    parkingAccount: { balance: { kopecks: number } } | null;
  } | null;
}

export type DashboardReply = ClientReply<Dashboard>;

/**
 * The systems each feeding a section of the dashboard. The others feed none of it: the registry
 * feeds the resident it hangs on, the acquirer is only called to pay, and a department's system
 * added with `npm run subgraph:new` serves fields the dashboard does not ask for.
 */
export type SectionSystem = Extract<LegacySystem, 'emias' | 'mesh' | 'housing' | 'parking'>;

/** The systems whose failure leaves the rest of the dashboard standing, and the names their errors carry. */
export const SECTION_SYSTEMS: Record<SectionSystem, string[]> = {
  emias: ['emias'],
  mesh: ['mesh'],
  housing: ['housing'],
  parking: ['parking', 'fines'],
};

/** The systems the dashboard reads: the registry, and each section's system. */
export const DASHBOARD_SYSTEMS: Array<'registry' | SectionSystem> = ['registry', ...(Object.keys(SECTION_SYSTEMS) as SectionSystem[])];

/** One dashboard, timed from the client's side. */
export async function timedDashboard(system: EmbeddedSystem, token: string): Promise<{ ms: number; reply: DashboardReply }> {
  const started = performance.now();
  const reply = await postGraphQL<Dashboard>(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token });
  return { ms: performance.now() - started, reply };
}

/** The median of a few timings: one slow run on a loaded machine must not decide a bound. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The systems named by a reply's errors. */
export function failedSystems(reply: DashboardReply): Set<string> {
  return new Set((reply.errors ?? []).map((e) => String(e.extensions?.system)));
}

/** Checks that every section fed by a system other than `except` is whole. */
export function expectOtherSectionsWhole(me: NonNullable<Dashboard['me']>, except: LegacySystem | undefined): void {
  expect(me.fullName.length).toBeGreaterThan(0);
  if (except !== 'emias') {
    expect(me.appointments).not.toBeNull();
    expect(me.medicalCard?.documents).not.toBeNull();
  }
  if (except !== 'mesh') expect(me.children.some((c) => c.student !== null && c.student.marks !== null)).toBe(true);
  if (except !== 'housing') {
    expect(me.homes).not.toBeNull();
    for (const home of me.homes ?? []) expect(home.meters).not.toBeNull();
  }
  if (except !== 'parking') {
    expect(me.parkingAccount).not.toBeNull();
    for (const vehicle of me.vehicles ?? []) expect(vehicle.fines).not.toBeNull();
  }
}

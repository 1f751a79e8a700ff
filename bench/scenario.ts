import type { Harness } from './harness';

/** `short` is a quick check (a few minutes); `full` gives the figures RESULTS.md records. */
export type Mode = 'short' | 'full';

/** A target the issue sets, and whether this run met it. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

export interface ScenarioResult {
  name: string;
  /** What was run, in a sentence: load, rate, duration, latencies. */
  setup: string;
  /** The table's rows; every row has the same keys. */
  rows: Array<Record<string, string | number>>;
  targets: TargetCheck[];
  notes?: string[];
  /** Further tables, each under a line saying what it shows. */
  tables?: Array<{ caption: string; rows: Array<Record<string, string | number>> }>;
}

export interface Scenario {
  id: string;
  run(harness: Harness, mode: Mode): Promise<ScenarioResult>;
}

export const fmt = {
  ms: (v: number): string => `${Math.round(v * 10) / 10} ms`,
  ratio: (v: number): string => `${Math.round(v * 100) / 100}×`,
  rps: (v: number): string => `${Math.round(v)}`,
  mb: (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`,
  /** Error codes by count, most first (`OVERLOADED 812, SUBGRAPH_UNAVAILABLE 3`), or `—` when there were none. */
  codes: (counts: Readonly<Record<string, number>>): string => {
    const sorted = Object.entries(counts).sort((a, b) => b[1] - a[1]);
    return sorted.length ? sorted.map(([code, n]) => `${code} ${n}`).join(', ') : '—';
  },
};

/**
 * The young generation every subgraph and simulator process runs with: semi-spaces of 32 MB
 * instead of V8's 16. A dashboard allocates a few MB in each process (parsed legacy bodies,
 * GraphQL results, JSON text) that die within the request; with twice the room, V8 scavenges half
 * as often and promotes less of what is still in flight, so less reaches the old generation's
 * collections. Measured on the whole graph in one process at a steady 20 dashboards/s: 23.4 →
 * 19.5 ms of CPU per dashboard (scavenges were 16% of its busy time), with 64 MB no better than 32
 * (`bench/RESULTS.md`). The cost is up to 32 MB more of RSS per process. The gateway keeps V8's
 * default: it is held under 200 MB (`deploy/gateway-heap.ts`).
 */
export const YOUNG_GENERATION_FLAGS: readonly string[] = ['--max-semi-space-size=32'];

/** The same, as `NODE_OPTIONS` in a container next to its heap cap. */
export const YOUNG_GENERATION_OPTION = YOUNG_GENERATION_FLAGS.join(' ');

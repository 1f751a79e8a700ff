import { YOUNG_GENERATION_FLAGS } from './young-generation';

/**
 * The Node flags a gateway process runs with. Left alone, V8 lets a busy gateway's heap fill with
 * garbage up to ~180 MB before a full collection (RSS ~315 MB at 100 dashboards/s) although what
 * it keeps alive is ~60 MB. With the old generation capped, it collects sooner: RSS under 200 MB
 * through a five-minute soak at the same rate, at a CPU cost per request that side-by-side runs
 * could not tell from their noise (bench/RESULTS.md, the gateway-cost and soak scenarios).
 * In a container, size it to about three quarters of the memory limit; 192 MB keeps three times
 * the live set for bursts. The young generation is `deploy/young-generation.ts`'s.
 */
export const GATEWAY_NODE_FLAGS: readonly string[] = ['--max-old-space-size=192', ...YOUNG_GENERATION_FLAGS];

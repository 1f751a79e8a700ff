/**
 * The young generation every service process runs with: semi-spaces of at most 16 MB (a 32 MB
 * new space), what V8 gave by default until Node 22. Node 24's V8 grows the new space up to 128 MB
 * on its own, and a service that allocates as much per request as a gateway does lets it grow:
 * a gateway worker then sat at ~290 MB of RSS idle (170 MB on Node 20, with the same ~70 MB of live
 * heap), over the 256 MB its container is given, and with its old generation capped at 192 MB it
 * collected so often that the embedded benchmark shed a fifth of 20 dashboards/s and its median
 * rose from ~140 to ~235 ms. With 16 MB semi-spaces the same run served every dashboard at ~140 ms
 * (bench/RESULTS.md). Set beside each heap cap, in every container and every process the launcher
 * starts.
 */
export const YOUNG_GENERATION_FLAGS: readonly string[] = ['--max-semi-space-size=16'];

/** The same, as it is written after the heap cap in `NODE_OPTIONS`. */
export const YOUNG_GENERATION_OPTION = YOUNG_GENERATION_FLAGS.join(' ');

/** How many of the latest calls' request ids are kept: enough for any test, bounded for a long run. */
const REQUEST_IDS_KEPT = 1_000;

/** Requests served per endpoint, so tests and benchmarks can prove what a query cost the legacy side. */
export class RequestStats {
  private readonly counts = new Map<string, number>();
  private readonly requestIds: Array<{ endpoint: string; requestId: string | undefined }> = [];
  private total = 0;

  /** Counts a call to `endpoint`, with the `x-request-id` it carried (undefined: none). */
  record(endpoint: string, requestId?: string): void {
    this.counts.set(endpoint, (this.counts.get(endpoint) ?? 0) + 1);
    this.total++;
    this.requestIds.push({ endpoint, requestId });
    if (this.requestIds.length > REQUEST_IDS_KEPT) this.requestIds.shift();
  }

  reset(): void {
    this.counts.clear();
    this.requestIds.length = 0;
    this.total = 0;
  }

  snapshot(): { total: number; endpoints: Record<string, number> } {
    return { total: this.total, endpoints: Object.fromEntries(this.counts) };
  }

  /**
   * The request id each call to `endpoint` carried since the last reset, oldest first (undefined
   * for a call without one), so a test can prove the id followed a request to the legacy call.
   */
  requestIdsOf(endpoint: string): Array<string | undefined> {
    return this.requestIds.filter((call) => call.endpoint === endpoint).map((call) => call.requestId);
  }
}

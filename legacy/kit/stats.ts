/** Requests served per endpoint, so tests and benchmarks can prove what a query cost the legacy side. */
export class RequestStats {
  private readonly counts = new Map<string, number>();
  private total = 0;

  record(endpoint: string): void {
    this.counts.set(endpoint, (this.counts.get(endpoint) ?? 0) + 1);
    this.total++;
  }

  reset(): void {
    this.counts.clear();
    this.total = 0;
  }

  snapshot(): { total: number; endpoints: Record<string, number> } {
    return { total: this.total, endpoints: Object.fromEntries(this.counts) };
  }
}

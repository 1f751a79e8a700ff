import type { IncomingHttpHeaders } from 'node:http';

type FetcherHeaders = Awaited<ReturnType<import('@apollo/gateway').RemoteGraphQLDataSource['fetcher']>>['headers'];

/**
 * A subgraph response's headers as Apollo's fetcher contract wants them (`get`, `has`, iteration),
 * over the plain object undici already parsed. The WHATWG `Headers` class validates and re-sorts
 * every header on the way in, which the gateway paid on each of a dashboard's five fetches only to
 * read `content-type`.
 */
export class ReceivedHeaders implements FetcherHeaders {
  private readonly map = new Map<string, string>();

  constructor(raw: IncomingHttpHeaders) {
    for (const name in raw) {
      const value = raw[name];
      if (value !== undefined) this.map.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const existing = this.map.get(key);
    this.map.set(key, existing === undefined ? value : `${existing}, ${value}`);
  }

  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), value);
  }

  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }

  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }

  keys(): IterableIterator<string> {
    return this.map.keys();
  }

  values(): IterableIterator<string> {
    return this.map.values();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

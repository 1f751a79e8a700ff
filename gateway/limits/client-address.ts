/** Where the per-address rate limit finds the client's address. */
export interface ClientAddressSource {
  /**
   * How many proxies of ours stand between clients and the gateway (load balancer, ingress), each
   * appending the address it received from to the forwarding header. 0: clients connect directly
   * and the TCP peer is the client.
   */
  trustedProxies: number;
  /** The header the proxies append to. Default `x-forwarded-for`. */
  header?: string;
}

/**
 * The client's address, as Express's numeric `trust proxy` takes it. The hops are the header's
 * entries, left to right, then the TCP peer. The last `trustedProxies` hops are our own proxies
 * (the peer and the entries they wrote); the hop just before them is the client. Entries further
 * left were written by the client and are never used, so a forged `X-Forwarded-For: 1.2.3.4, …`
 * does not move a client into a fresh bucket. With fewer hops than proxies, the leftmost counts.
 */
export function clientAddress(peer: string | undefined, headers: Readonly<Record<string, string | string[] | undefined>>, source: ClientAddressSource): string {
  const self = peer ?? 'unknown';
  if (source.trustedProxies <= 0) return self;
  const given = headers[source.header ?? 'x-forwarded-for'];
  const entries = (Array.isArray(given) ? given.join(',') : (given ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Nearest first: the peer, then the header from its right end.
  const hops = [self, ...entries.reverse()];
  return hops[Math.min(source.trustedProxies, hops.length - 1)] ?? self;
}

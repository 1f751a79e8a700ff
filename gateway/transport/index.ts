export { createUndiciFetcher, type UndiciFetcherOptions } from './undici-fetcher';
export { SubgraphDataSource, type FetchObserver, type FetchOutcome } from './subgraph-data-source';

export { createUndiciFetcher, type UndiciFetcherOptions } from './undici-fetcher';
export { SubgraphDataSource, type FetchObserver, type FetchOutcome, type SubgraphLoadListener } from './subgraph-data-source';

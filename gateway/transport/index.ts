export { type FetchObserver, type FetchOutcome, SubgraphDataSource, type SubgraphLoadListener } from './subgraph-data-source';
export { createUndiciFetcher, type UndiciFetcherOptions } from './undici-fetcher';

export { createUndiciFetcher, type UndiciFetcherOptions } from './undici-fetcher';
export { SubgraphDataSource } from './subgraph-data-source';

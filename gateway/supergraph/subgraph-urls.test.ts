import { parse } from 'graphql';
import { placeholderUrl } from '../../schema';
import { joinGraphsOf } from './join-graphs';
import { LinkedNames } from './linked-names';
import { SubgraphUrlError, SubgraphUrls, subgraphUrlVariable } from './subgraph-urls';

/** The `join__Graph` enum of a supergraph naming these subgraphs, as composition writes it. */
function joinGraphs(graphs: Record<string, string>): ReturnType<typeof joinGraphsOf> {
  const document = parse(/* GraphQL */ `
    schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/join/v0.5", for: EXECUTION) { query: Query }
    directive @join__graph(name: String!, url: String!) on ENUM_VALUE
    enum join__Graph {
      ${Object.entries(graphs)
        .map(([name, url], i) => `G${i} @join__graph(name: "${name}", url: "${url}")`)
        .join('\n')}
    }
    type Query { a: Int }
  `);
  return joinGraphsOf(document, new LinkedNames(document));
}

const refusal = (run: () => unknown): SubgraphUrlError => {
  try {
    run();
  } catch (error) {
    if (error instanceof SubgraphUrlError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('where the gateway calls each subgraph', () => {
  it('names the variable of any subgraph name', () => {
    expect(subgraphUrlVariable('residents')).toBe('SUBGRAPH_RESIDENTS_URL');
    expect(subgraphUrlVariable('library-cards')).toBe('SUBGRAPH_LIBRARY_CARDS_URL');
    expect(subgraphUrlVariable('Reviews.v2')).toBe('SUBGRAPH_REVIEWS_V2_URL');
  });

  it('reads every subgraph the supergraph names, and takes its URL unless overridden by name or by variable form', () => {
    const graphs = joinGraphs({ books: 'http://books.city.test/graphql', 'library-cards': 'http://cards.city.test/graphql', films: 'https://films.city.test/' });
    expect(graphs.map((g) => g.name)).toEqual(['books', 'library-cards', 'films']);
    const urls = new SubgraphUrls({ LIBRARY_CARDS: 'http://10.0.0.7:4000/graphql', films: 'http://films-2.city.test/graphql', unknown: 'http://nowhere.city.test/' });
    expect(Object.fromEntries(urls.resolve(graphs))).toEqual({
      books: 'http://books.city.test/graphql',
      'library-cards': 'http://10.0.0.7:4000/graphql',
      films: 'http://films-2.city.test/graphql',
    });
    expect(urls.urlFor('library-cards', 'http://cards.city.test/graphql')).toBe('http://10.0.0.7:4000/graphql');
  });

  it('refuses our composition placeholder in any mode, naming the variable to set', () => {
    const graphs = joinGraphs({ residents: placeholderUrl('residents') });
    expect(refusal(() => new SubgraphUrls().resolve(graphs)).variable).toBe('SUBGRAPH_RESIDENTS_URL');
    expect(new SubgraphUrls({ residents: 'http://127.0.0.1:4101/graphql' }).resolve(graphs).get('residents')).toBe('http://127.0.0.1:4101/graphql');
  });

  it('refuses a loopback URL from the file in production only; an override on loopback is taken', () => {
    for (const url of ['http://localhost:4001/graphql', 'http://127.0.0.1:4001/', 'http://[::1]:4001/', 'http://api.localhost/']) {
      const graphs = joinGraphs({ books: url });
      expect(new SubgraphUrls({}, { production: false }).resolve(graphs).get('books')).toBe(url);
      expect(refusal(() => new SubgraphUrls({}, { production: true }).resolve(graphs)).message).toMatch(/loopback.*SUBGRAPH_BOOKS_URL/);
    }
    const overridden = new SubgraphUrls({ books: 'http://127.0.0.1:4001/graphql' }, { production: true });
    expect(overridden.resolve(joinGraphs({ books: 'http://localhost:4001/graphql' })).get('books')).toBe('http://127.0.0.1:4001/graphql');
  });

  it('refuses an override that two subgraph names share, and a URL that is not http(s)', () => {
    const graphs = joinGraphs({ 'a-b': 'http://ab.city.test/', a_b: 'http://a-b.city.test/' });
    expect(new SubgraphUrls().resolve(graphs).size).toBe(2);
    expect(refusal(() => new SubgraphUrls({ A_B: 'http://x.city.test/' }).resolve(graphs)).message).toMatch(/"a-b" and "a_b" both answer to SUBGRAPH_A_B_URL/);
    expect(refusal(() => new SubgraphUrls().resolve(joinGraphs({ books: 'file:///etc/passwd' }))).variable).toBe('SUBGRAPH_BOOKS_URL');
    expect(refusal(() => new SubgraphUrls({ books: 'ftp://x' }).resolve(joinGraphs({ books: 'http://books.city.test/' }))).variable).toBe('SUBGRAPH_BOOKS_URL');
  });
});

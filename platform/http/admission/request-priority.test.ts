import { operationKindOf, requestPriority } from './request-priority';

describe('the priority of a request, told without parsing it', () => {
  it('makes a mutation critical and anything else normal', () => {
    expect(requestPriority({ query: 'mutation Submit($k: String!) { submitMeterReadings(idempotencyKey: $k) { idempotencyKey } }' })).toBe('critical');
    expect(requestPriority({ query: '{ me { id } }' })).toBe('normal');
    expect(requestPriority({ query: 'query Dashboard { me { id } }' })).toBe('normal');
    expect(requestPriority({ query: 'subscription S { x }' })).toBe('normal');
  });

  it('reads the operation a subgraph fetch names, as the gateway sends it', () => {
    const fetch = 'mutation BookAppointment__health__0($input:BookAppointmentInput!){bookAppointment(input:$input){appointment{id}}}';
    expect(requestPriority({ query: fetch, operationName: 'BookAppointment__health__0', variables: {} })).toBe('critical');
  });

  it('picks the named operation among several, past fragments, comments and strings that say "mutation"', () => {
    const document = /* GraphQL */ `
      # mutation in a comment
      fragment F on Resident { id }
      query Read($filter: Filter = { note: "mutation {" }) @dir(arg: { a: 1 }) { me { ...F } }
      mutation Write { startParkingSession(input: { plate: "mutation" }) { session { id } } }
    `;
    expect(operationKindOf(document, 'Read')).toBe('query');
    expect(operationKindOf(document, 'Write')).toBe('mutation');
    expect(operationKindOf(document)).toBe('query');
    expect(operationKindOf(document, 'Missing')).toBeUndefined();
    expect(requestPriority({ query: document, operationName: 'Write' })).toBe('critical');
    expect(requestPriority({ query: document, operationName: 'Read' })).toBe('normal');
  });

  it("takes the kind of a persisted operation from the service's own list, never from the request", () => {
    const kinds: Record<string, 'query' | 'mutation'> = { aaa: 'mutation', bbb: 'query' };
    const rules = { persistedOperationKind: (hash: string) => kinds[hash] };
    const persisted = (hash: string) => ({ operationName: 'SubmitMeterReadings', extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(requestPriority(persisted('aaa'), rules)).toBe('critical');
    expect(requestPriority(persisted('bbb'), rules)).toBe('normal');
    expect(requestPriority(persisted('ccc'), rules)).toBe('normal');
    expect(requestPriority(persisted('aaa'))).toBe('normal');
  });

  it('makes whatever it cannot tell a read', () => {
    expect(requestPriority('mutation { x }')).toBe('normal');
    expect(requestPriority(null)).toBe('normal');
    expect(requestPriority([{ query: 'mutation { x }' }])).toBe('normal');
    expect(requestPriority({ query: '"unterminated mutation { x }' })).toBe('normal');
    expect(requestPriority({ query: 42 })).toBe('normal');
    expect(operationKindOf('mutation \u0000 { x }')).toBeUndefined();
  });
});

import { parse } from 'graphql';
import { fetchFailureOf, isMergeableResponse, overloadRefusalOf, unavailableErrors } from './subgraph-failure';

describe('a failed subgraph fetch', () => {
  it('fails every field of an entity fetch at the path the gateway maps back, naming the subgraph', () => {
    const document = parse(
      'query Q__parking__1($representations: [_Any!]!) { _entities(representations: $representations) { ... on Resident { vehicles { plate } parkingAccount { balance { kopecks } } } } }',
    );
    const errors = unavailableErrors('parking', document, {
      representations: [
        { __typename: 'Resident', id: '1' },
        { __typename: 'Resident', id: '2' },
      ],
    });
    expect(errors.map((e) => e.path)).toEqual([
      ['_entities', 0, 'vehicles'],
      ['_entities', 0, 'parkingAccount'],
      ['_entities', 1, 'vehicles'],
      ['_entities', 1, 'parkingAccount'],
    ]);
    for (const error of errors) expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'parking' });
  });

  it('fails the root fields of a root fetch, under their response keys', () => {
    const document = parse('query Q__health__0 { a: availableSlots(specialityId: "2") { startTime } specialities { id } __typename }');
    expect(unavailableErrors('health', document, {}).map((e) => e.path)).toEqual([['a'], ['specialities']]);
  });

  it('answers one error without a path when there is no operation to read', () => {
    expect(unavailableErrors('health', undefined, undefined)).toEqual([{ message: expect.any(String), extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'health' } }]);
  });

  it('bounds the errors of a fetch for very many entities', () => {
    const document = parse('query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Resident { student { className } } } }');
    const representations = Array.from({ length: 500 }, (_, i) => ({ __typename: 'Resident', id: String(i) }));
    expect(unavailableErrors('school', document, { representations })).toHaveLength(100);
  });

  it('classifies what the fetcher threw: refused or reset connections, and timeouts', () => {
    expect(fetchFailureOf(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }))).toEqual({ cause: 'connection', errorCode: 'ECONNREFUSED' });
    expect(fetchFailureOf(Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }))).toEqual({ cause: 'timeout', errorCode: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(fetchFailureOf(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toMatchObject({ cause: 'timeout' });
  });

  it('takes as mergeable only a GraphQL response with the entities it asked for', () => {
    expect(isMergeableResponse({ data: { _entities: [{ vehicles: [] }] } }, 1)).toBe(true);
    expect(isMergeableResponse({ data: null, errors: [{ message: 'no' }] }, 1)).toBe(true);
    expect(isMergeableResponse({ data: { _entities: [] } }, 1)).toBe(false);
    expect(isMergeableResponse({ data: { _entities: [{}, {}] } }, 1)).toBe(false);
    expect(isMergeableResponse({ data: { me: null } }, undefined)).toBe(true);
    expect(isMergeableResponse('<html>', undefined)).toBe(false);
    expect(isMergeableResponse({ data: [] }, undefined)).toBe(false);
    expect(isMergeableResponse({}, undefined)).toBe(false);
    expect(isMergeableResponse({ errors: 'no' }, undefined)).toBe(false);
  });

  it('tells a refusal for overload from a failure: 503 or 429 with a Retry-After, in seconds or as a date', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(overloadRefusalOf(503, '1', now)).toBe(1);
    expect(overloadRefusalOf(429, ' 5 ', now)).toBe(5);
    expect(overloadRefusalOf(503, 'Mon, 30 Nov 2026 12:00:03 GMT', now)).toBe(3);
    // Bounded: at least a second, at most a minute, whatever the subgraph says.
    expect(overloadRefusalOf(503, '0', now)).toBe(1);
    expect(overloadRefusalOf(503, '86400', now)).toBe(60);
    expect(overloadRefusalOf(503, 'Mon, 30 Nov 2026 11:00:00 GMT', now)).toBe(1);
    // A 503 without it is a subgraph failing or draining; other statuses are not refusals for load.
    expect(overloadRefusalOf(503, undefined, now)).toBeUndefined();
    expect(overloadRefusalOf(503, 'soon', now)).toBeUndefined();
    expect(overloadRefusalOf(502, '1', now)).toBeUndefined();
    expect(overloadRefusalOf(500, '1', now)).toBeUndefined();
  });

  it('says when to come back on each field of a shed fetch', () => {
    const errors = unavailableErrors('school', parse('{ student { className } }'), {}, { retryAfterSeconds: 2 });
    expect(errors).toEqual([{ message: expect.any(String), path: ['student'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'school', retryAfterSeconds: 2 } }]);
  });
});

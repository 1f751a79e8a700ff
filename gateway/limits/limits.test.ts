import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate, type DocumentNode } from 'graphql';
import { hasNonFiniteNumber, useFiniteNumberLiterals } from './finite-number-literals';
import { InMemoryRateLimitStore, noCircularIntrospection, RateLimiter } from './index';

describe('rate limiter', () => {
  it('lets a burst through, then one request per refill interval, and says when to come back', async () => {
    let now = 0;
    const limiter = new RateLimiter({ perPrincipal: { perMinute: 60, burst: 2 }, perAddress: { perMinute: 600 } }, new InMemoryRateLimitStore(), () => now);
    expect(await limiter.takeForPrincipal('resident:1')).toEqual({ allowed: true });
    expect(await limiter.takeForPrincipal('resident:1')).toEqual({ allowed: true });
    expect(await limiter.takeForPrincipal('resident:1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Another principal has its own bucket.
    expect(await limiter.takeForPrincipal('resident:2')).toEqual({ allowed: true });
    now += 1000;
    expect(await limiter.takeForPrincipal('resident:1')).toEqual({ allowed: true });
    expect(await limiter.takeForPrincipal('resident:1')).toMatchObject({ allowed: false });
    // A refused request does not deepen the debt: a second later one more is allowed.
    now += 1000;
    expect(await limiter.takeForPrincipal('resident:1')).toEqual({ allowed: true });
  });

  it('computes Retry-After from the refill rate', async () => {
    const limiter = new RateLimiter({ perPrincipal: { perMinute: 2, burst: 1 }, perAddress: { perMinute: 2, burst: 1 } }, undefined, () => 0);
    await limiter.takeForAddress('10.0.0.1');
    expect(await limiter.takeForAddress('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('refuses a configuration that allows nothing', () => {
    expect(() => new RateLimiter({ perPrincipal: { perMinute: 0 }, perAddress: { perMinute: 1 } })).toThrow();
  });
});

describe('circular introspection', () => {
  const schema = buildSchema('type Query { a: A } type A { b: String }');
  const errors = (query: string) => validate(schema, parse(query), [...specifiedRules, noCircularIntrospection]).map((e) => e.message);

  it('passes the standard introspection query', () => {
    expect(validate(schema, parse(getIntrospectionQuery()), [noCircularIntrospection])).toEqual([]);
  });

  it('refuses a loop, inline or through fragments', () => {
    expect(validate(schema, parse('{ __schema { types { fields { type { fields { name } } } } } }'), [noCircularIntrospection])).toHaveLength(1);
    expect(
      validate(schema, parse('{ __type(name: "A") { ...F } } fragment F on __Type { interfaces { ...G } } fragment G on __Type { interfaces { name } }'), [noCircularIntrospection]),
    ).toHaveLength(1);
    expect(errors('{ a { b } }')).toEqual([]);
  });
});

describe('number literals', () => {
  it('finds a number no double holds, wherever it is written', () => {
    expect(hasNonFiniteNumber(parse('mutation { submit(input: { readings: [{ value: 1e400 }] }) }'))).toBe(true);
    expect(hasNonFiniteNumber(parse('{ a(x: -1e400) }'))).toBe(true);
    expect(hasNonFiniteNumber(parse(`{ a(x: ${'9'.repeat(400)}) }`))).toBe(true);
    expect(hasNonFiniteNumber(parse('query ($v: Float = 1e999) { a(x: $v) }'))).toBe(true);
    expect(hasNonFiniteNumber(parse('{ a(x: 1.7976931348623157e308, y: 1e-400, z: 9007199254740993) }'))).toBe(false);
  });

  it('refuses every request of a document it has walked once, and lets every request of a fine one through', async () => {
    const plugin = useFiniteNumberLiterals();
    const resolve = async (document: DocumentNode) => {
      const hooks = await plugin.requestDidStart!({} as never);
      return hooks!.didResolveOperation!({ document } as never);
    };
    const refused = parse('{ a(x: 1e400) }');
    const fine = parse('{ a(x: 1) }');
    for (let i = 0; i < 2; i++) {
      await expect(resolve(refused)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      await expect(resolve(fine)).resolves.toBeUndefined();
    }
  });
});

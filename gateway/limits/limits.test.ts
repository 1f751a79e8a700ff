import { buildSchema, type DocumentNode, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { hasNonFiniteNumber, useFiniteNumberLiterals } from './finite-number-literals';
import { noCircularIntrospection, RateLimiter } from './index';

describe('rate limiter', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-21T09:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('lets a burst through, then nothing until the window it filled has passed, and says when to come back', async () => {
    // 2 at once, 60 a minute: a window of 2 requests every 2 seconds.
    const limiter = new RateLimiter({ perPrincipal: { perMinute: 60, burst: 2 }, perAddress: { perMinute: 600 } });
    expect(await limiter.takeForPrincipal('resident:1')).toEqual({ allowed: true });
    expect(await limiter.takeForPrincipal('resident:1')).toEqual({ allowed: true });
    expect(await limiter.takeForPrincipal('resident:1')).toEqual({ allowed: false, retryAfterSeconds: 2 });
    // Another principal has its own count.
    expect(await limiter.takeForPrincipal('resident:2')).toEqual({ allowed: true });
    jest.advanceTimersByTime(1_000);
    expect(await limiter.takeForPrincipal('resident:1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Refused requests do not lengthen the wait: once the window has passed, a burst again.
    jest.advanceTimersByTime(1_001);
    expect(await limiter.takeForPrincipal('resident:1')).toEqual({ allowed: true });
    expect(await limiter.takeForPrincipal('resident:1')).toEqual({ allowed: true });
    expect(await limiter.takeForPrincipal('resident:1')).toMatchObject({ allowed: false });
  });

  it('holds the sustained rate: a minute lets perMinute through, and no more', async () => {
    const limiter = new RateLimiter({ perPrincipal: { perMinute: 600, burst: 120 }, perAddress: { perMinute: 3000, burst: 600 } });
    let allowed = 0;
    for (let second = 0; second < 60; second++) {
      for (let i = 0; i < 50; i++) if ((await limiter.takeForPrincipal('resident:1')).allowed) allowed += 1;
      jest.advanceTimersByTime(1_000);
    }
    expect(allowed).toBe(600);
  });

  it('counts addresses and principals apart, and computes Retry-After from the rate', async () => {
    const limiter = new RateLimiter({ perPrincipal: { perMinute: 2, burst: 1 }, perAddress: { perMinute: 2, burst: 1 } });
    await limiter.takeForAddress('10.0.0.1');
    expect(await limiter.takeForAddress('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(await limiter.takeForPrincipal('10.0.0.1')).toEqual({ allowed: true });
  });

  it('refuses a configuration that allows nothing, and a store that is not Redis', () => {
    expect(() => new RateLimiter({ perPrincipal: { perMinute: 0 }, perAddress: { perMinute: 1 } })).toThrow();
    expect(() => new RateLimiter({ perPrincipal: { perMinute: 1 }, perAddress: { perMinute: 1 } }, { redisUrl: 'http://127.0.0.1:6379' })).toThrow(/redis/);
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

import { GraphQLError } from 'graphql';
import { composeForTest, SHOP_SUBGRAPHS } from '../../test/support/compose-supergraph';
import { readSupergraphFacts } from '../supergraph';
import { formatGatewayError } from './format-gateway-error';

describe("the gateway's error formatting", () => {
  const shop = composeForTest(SHOP_SUBGRAPHS);
  const surface = readSupergraphFacts(shop.sdl, shop.api).surface;

  it('passes only public extension keys: no serviceName, exception, stack or raw response', () => {
    const formatted = formatGatewayError(
      {
        message: 'orders is unreachable',
        path: ['me', 'orders'],
        extensions: {
          code: 'LEGACY_UNAVAILABLE',
          system: 'emias',
          serviceName: 'orders',
          exception: { stacktrace: ['at x'] },
          response: { url: 'http://orders:4000' },
          retryAfterSeconds: 3,
        },
      },
      undefined,
      surface,
    );
    expect(formatted).toEqual({ message: 'orders is unreachable', path: ['me', 'orders'], extensions: { code: 'LEGACY_UNAVAILABLE', system: 'emias', retryAfterSeconds: 3 } });
  });

  it('keeps `field` only when it names arguments and fields of the API schema', () => {
    const format = (field: string) => formatGatewayError({ message: 'no', extensions: { code: 'FORBIDDEN', field } }, undefined, surface).extensions;
    expect(format('secret')).toEqual({ code: 'FORBIDDEN' });
    expect(format('first')).toEqual({ code: 'FORBIDDEN', field: 'first' });
    expect(format('page.first')).toEqual({ code: 'FORBIDDEN', field: 'page.first' });
    expect(format('page.secret')).toEqual({ code: 'FORBIDDEN' });
    expect(formatGatewayError({ message: 'no', extensions: { code: 'FORBIDDEN', field: 'first' } }, undefined, undefined).extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('cuts a path at a hidden field and scrubs hidden names and addresses from messages', () => {
    const formatted = formatGatewayError(
      { message: 'Cannot read secret from http://10.0.0.4:4002/graphql', path: ['people', 0, 'secret'], extensions: { code: 'FORBIDDEN' } },
      undefined,
      surface,
    );
    expect(formatted).toEqual({ message: 'Cannot read [hidden] from [internal]', path: ['people', 0], extensions: { code: 'FORBIDDEN' } });
  });

  it('masks what has no registered code', () => {
    expect(formatGatewayError({ message: 'TypeError: x is undefined', extensions: {} }, undefined, surface)).toEqual({
      message: 'Internal error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it("gives back the precise code of the gateway's own validation rules, and only theirs", () => {
    const own = new GraphQLError('An alias takes the name…', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      originalError: new GraphQLError('x', { extensions: { code: 'RESPONSE_KEY_RESERVED' } }),
    });
    expect(formatGatewayError({ message: own.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, own, surface).extensions?.code).toBe('RESPONSE_KEY_RESERVED');
    const armor = new GraphQLError('Syntax Error: Query depth limit of 10 exceeded', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      originalError: new GraphQLError('x', { extensions: { code: 'BAD_USER_INPUT' } }),
    });
    expect(formatGatewayError({ message: armor.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, armor, surface).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

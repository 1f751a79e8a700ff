import { clientAddress } from './client-address';

describe('the client address behind trusted proxies', () => {
  const peer = '10.0.0.5';

  it('is the TCP peer when no proxy is trusted, whatever the headers say', () => {
    expect(clientAddress(peer, { 'x-forwarded-for': '203.0.113.9' }, { trustedProxies: 0 })).toBe(peer);
  });

  it('is the entry our one proxy appended, not what the client wrote before it', () => {
    expect(clientAddress(peer, { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' }, { trustedProxies: 1 })).toBe('203.0.113.9');
    expect(clientAddress(peer, { 'x-forwarded-for': '203.0.113.9' }, { trustedProxies: 1 })).toBe('203.0.113.9');
  });

  it('counts each trusted proxy from the right, across repeated headers', () => {
    const headers = { 'x-forwarded-for': ['1.1.1.1, 203.0.113.9', '10.0.0.7'] };
    expect(clientAddress(peer, headers, { trustedProxies: 2 })).toBe('203.0.113.9');
  });

  it('takes the leftmost hop when there are fewer hops than proxies', () => {
    expect(clientAddress(peer, { 'x-forwarded-for': '203.0.113.9' }, { trustedProxies: 3 })).toBe('203.0.113.9');
    expect(clientAddress(peer, {}, { trustedProxies: 1 })).toBe(peer);
  });

  it('reads the configured header', () => {
    expect(clientAddress(peer, { 'x-real-ip': '203.0.113.9', 'x-forwarded-for': '6.6.6.6' }, { trustedProxies: 1, header: 'x-real-ip' })).toBe('203.0.113.9');
  });
});

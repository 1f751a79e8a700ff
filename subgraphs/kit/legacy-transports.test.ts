import { LegacyTransports, transportsFor } from './legacy-transports';

// The transports' pools and breakers keep their own timers; nothing here waits on time, so real timers.
beforeEach(() => jest.useRealTimers());

describe('LegacyTransports', () => {
  it('makes one transport per legacy system, however many parts of the process ask for it', async () => {
    const transports = new LegacyTransports({ timeoutMs: 1_000 });
    try {
      const registry = transports.create('registry', 'http://127.0.0.1:1');
      expect(transports.create('registry', 'http://127.0.0.1:1')).toBe(registry);
      const emias = transports.create('emias', 'http://127.0.0.1:2');
      expect(emias).not.toBe(registry);
      expect(transports.all().map((t) => t.system)).toEqual(['registry', 'emias']);
      // A subgraph handed the process's transports gets the same ones.
      expect(transportsFor({ transports }, {}).transports.create('registry', 'http://127.0.0.1:1')).toBe(registry);
    } finally {
      await transports.close();
    }
  });

  it('refuses to hand a made transport to an asker who describes another one', async () => {
    const transports = new LegacyTransports({});
    try {
      transports.create('registry', 'http://127.0.0.1:1');
      expect(() => transports.create('registry', 'http://127.0.0.1:9')).toThrow(/registry: this process already calls it at another base URL/);
      expect(() => transports.create('registry', 'http://127.0.0.1:1', { timeoutMs: 50 })).toThrow(/registry: its transport is already made/);
      expect(transports.all()).toHaveLength(1);
    } finally {
      await transports.close();
    }
  });
});

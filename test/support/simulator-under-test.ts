import { LegacyTransport, type LegacyTransportOptions } from '../../adapters/transport';
import { type AdjustableClock, type RunningSimulator, type SimulatorDefinition, startSimulator } from '../../legacy/kit';

/** A simulator and the transport an adapter's client talks to it through, for one describe block. */
export interface SimulatorUnderTest {
  /** The running simulator: its URL, faults, stats. Read it in hooks and tests, once the block has started. */
  readonly sim: RunningSimulator;
  readonly transport: LegacyTransport;
}

export interface SimulatorUnderTestOptions {
  /** The legacy system the transport is for (its metrics label, its errors' `system`). */
  system: string;
  /** Made when the block starts: the simulator of that system. */
  simulator: () => SimulatorDefinition;
  /** The clock the simulator's data runs on, set back to `at` before each test. */
  clock?: AdjustableClock;
  at?: Date;
  /** The transport's settings besides the system and the URL; timeoutMs defaults to 5 s, room enough for a busy machine. */
  transport?: Partial<Omit<LegacyTransportOptions, 'system' | 'baseUrl'>>;
}

/**
 * Starts a simulator on port 0 and a transport to it before the block's tests and closes both
 * after them; before each test, clears its faults, resets its counters and sets its clock back.
 * Hooks the caller registers after this call run after these, so a client can be made over
 * `transport` in the caller's own `beforeAll`.
 */
export function simulatorUnderTest(options: SimulatorUnderTestOptions): SimulatorUnderTest {
  let sim: RunningSimulator | undefined;
  let transport: LegacyTransport | undefined;
  beforeAll(async () => {
    sim = await startSimulator(options.simulator(), options.clock ? { clock: options.clock } : {});
    transport = new LegacyTransport({ timeoutMs: 5_000, ...options.transport, system: options.system, baseUrl: sim.url });
  });
  afterAll(async () => {
    await transport?.close();
    await sim?.close();
  });
  beforeEach(() => {
    sim?.faults.clear();
    sim?.stats.reset();
    if (options.clock && options.at) options.clock.set(options.at);
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the simulator is not started yet: read it inside a hook or a test');
    return value;
  };
  return {
    get sim() {
      return started(sim);
    },
    get transport() {
      return started(transport);
    },
  };
}

import type { Home, HousingPort, Meter, ReadingSubmission } from '../../adapters/housing';
import type { RegistryPort } from '../../adapters/registry';
import { LegacyRejectionError, LegacyTimeoutError } from '../../adapters/transport';
import { createLogger } from '../../platform/logging';
import { createHousingLoaders } from './loaders';
import { InMemorySubmissionStore } from './submission-store';
import { ReadingSubmitter } from './submit-readings';

const NOW = new Date('2026-11-21T12:00:00+03:00');
const home: Home = { payerCode: '0000100200', userPlaceId: '2000010020', address: 'г. Москва', flat: '1', registeredPersons: 2 };
const meter = (id: string): Meter => ({
  id,
  userPlaceId: home.userPlaceId,
  kind: 'COLD_WATER',
  serialNumber: `14-00000${id}`,
  verifiedUntil: '2029-01-01',
  verificationExpired: false,
  remoteSubmission: true,
  lastReading: { period: '2026-10-31', value: 100, source: 'mos.ru' },
});

/** A housing system that takes meter 1, times out on meter 2 and refuses meter 3. */
class FakeHousing implements Partial<HousingPort> {
  readonly written: ReadingSubmission[] = [];
  failReads = false;
  async getHomes(): Promise<Home[]> {
    if (this.failReads) throw new LegacyTimeoutError('housing', 'GET /x', 100);
    return [home];
  }
  async getMeters(): Promise<Map<string, Meter[]>> {
    return new Map([[home.userPlaceId, [meter('1'), meter('2'), meter('3')]]]);
  }
  async submitReading(_personId: string, submission: ReadingSubmission): Promise<void> {
    this.written.push(submission);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (submission.meterId === '2') throw new LegacyTimeoutError('housing', 'PUT /x', 100);
    if (submission.meterId === '3') throw new LegacyRejectionError('housing', 'PUT /x', 'READING_ALREADY_SUBMITTED', 'Показание за данный период уже внесено.');
  }
}

describe('ReadingSubmitter', () => {
  const registry: RegistryPort = { getPersons: async () => new Map(), getChildren: async () => [] };
  const setup = () => {
    const housing = new FakeHousing();
    const port = housing as unknown as HousingPort;
    const submitter = new ReadingSubmitter(port, new InMemorySubmissionStore(), createLogger({ service: 'test', level: 'silent' }));
    const request = (key: string) => ({
      personId: '1002',
      idempotencyKey: key,
      input: { payerCode: home.payerCode, readings: [{ meterId: '1', value: 101 }, { meterId: '2', value: 102 }, { meterId: '3', value: 103 }] },
      now: NOW,
      loaders: createHousingLoaders(port, registry, {}),
      requestId: 'r',
      deadline: Date.now() + 5000,
    });
    return { housing, submitter, request };
  };

  it('gives each reading its own outcome when the system fails part-way', async () => {
    const { housing, submitter, request } = setup();
    const outcome = await submitter.submit(request('k1'));
    expect(outcome.results.map((r) => [r.meterId, r.status, r.reason?.code ?? null, r.reason?.retryable ?? null])).toEqual([
      ['1', 'DELIVERED', null, null],
      ['2', 'REJECTED', 'LEGACY_TIMEOUT', true],
      ['3', 'REJECTED', 'READING_ALREADY_SUBMITTED', false],
    ]);
    expect(housing.written.map((w) => w.period)).toEqual(['2026-11-30', '2026-11-30', '2026-11-30']);
  });

  it('runs concurrent calls with one key once, and answers both alike', async () => {
    const { housing, submitter, request } = setup();
    const [a, b] = await Promise.all([submitter.submit(request('k2')), submitter.submit(request('k2'))]);
    expect(a).toEqual(b);
    expect(housing.written).toHaveLength(3);
  });

  it('saves nothing when the submission fails before any write, so the key can be used again', async () => {
    const { housing, submitter, request } = setup();
    housing.failReads = true;
    await expect(submitter.submit(request('k3'))).rejects.toMatchObject({ code: 'LEGACY_TIMEOUT' });
    expect(housing.written).toHaveLength(0);
    housing.failReads = false;
    const outcome = await submitter.submit(request('k3'));
    expect(outcome.results[0]?.status).toBe('DELIVERED');
  });
});

import recorded from './fixtures/summary.json';
import { toTreasurySummary } from './mapper';
import { WireTreasurySummaryReply, type WireTreasurySummary } from './wire';

const wire = WireTreasurySummaryReply.parse(recorded).summary;
const endpoint = 'GET /api/v1/persons/:personId/summary';

describe('treasury mapper', () => {
  it('maps the recorded account to the domain summary', () => {
    expect(toTreasurySummary(wire, endpoint)).toEqual({
      personId: wire.person_id,
      accountNumber: wire.account_number,
      status: wire.status.toUpperCase(),
      openItems: wire.open_items,
      updatedAt: wire.updated_at,
    });
  });

  it.each([
    ['a status the graph does not know', { status: 'archived' }, 'status'],
    ['a negative count', { open_items: -1 }, 'open_items'],
    ['a count that is not whole', { open_items: 2.5 }, 'open_items'],
    ['a time without its offset', { updated_at: '2026-11-03T10:15:00' }, 'updated_at'],
    ['a day that does not exist', { updated_at: '2026-02-30T10:15:00+03:00' }, 'updated_at'],
    ['an account number with a control character', { account_number: 'ACC\u0000-1' }, 'account_number'],
    ['a person id that is not the registry\'s', { person_id: 'Иванов' }, 'person_id'],
  ])('refuses %s as LEGACY_BAD_RESPONSE, without quoting it', (_name, patch, field) => {
    const broken = { ...wire, ...patch } as WireTreasurySummary;
    let caught: unknown;
    try {
      toTreasurySummary(broken, endpoint);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'treasury' });
    expect((caught as Error).message).toContain(field);
    expect((caught as Error).message).not.toContain(String(Object.values(patch)[0]));
  });
});

import { createHash } from 'node:crypto';
import { OUTBOX_COMPONENT, OUTBOX_MIGRATIONS } from './migrations';

/**
 * Steps databases in service have already applied, by id, with a digest of their SQL. `migrate`
 * skips an applied id whatever its SQL now says, so an edited step would leave old databases and
 * new ones with different tables; a change must be a new step after these.
 */
const RELEASED: ReadonlyArray<[string, string]> = [
  ['001_submissions', 'oMTdkYm52_wN2ueecrjK3aDD5Tpjc0Pv9BMfVlQj9-I'],
  ['002_readings', '2yBCz4RauvFmFofYbOl3e8m4bQi0tBj6uoKia5o5BZ0'],
  ['003_due_index', 'q02COKrofEsF2H3o0qYZ1ziHD8nY5C_bQFZ3vT6tP_s'],
  ['004_one_queued_index', 'Z0hURqw21dEDVPluZE8suwvKaUxC-21c7r_gMH8qW50'],
  ['005_by_meter_index', 'gGmOQLWX3UHtNqkj0UeW7RCKFacSNSuJoquSk1GHAQs'],
  ['006_drop_one_queued_index', 'gpFgapTorU4TO2lxLABBVMnYDp19ycJLIUraGaHa0Wk'],
  ['007_one_verified_queued_index', '6AkGJxZUEb1y8NhZMLzhfB4uI1iPTK1ddfjBLFPb2SE'],
];

describe('outbox migrations', () => {
  it('keeps every released step under its id, in its place, with the SQL databases applied', () => {
    expect(OUTBOX_COMPONENT).toBe('housing_outbox');
    const released = OUTBOX_MIGRATIONS.slice(0, RELEASED.length).map((m) => [m.id, createHash('sha256').update(m.sql).digest('base64url')]);
    expect(released).toEqual(RELEASED);
  });

  it('adds steps only after the released ones, each id once', () => {
    const ids = OUTBOX_MIGRATIONS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(RELEASED.length);
  });
});

import type { Bill, Home, HousingPort } from '../../adapters/housing';
import type { Fine, FinesPort } from '../../adapters/parking';
import type { PersonRecord, RegistryPort } from '../../adapters/registry';
import { fineAmountDue, PayableTargets } from './payable-targets';

const NOW = new Date('2026-11-21T12:00:00+03:00');
const person = (overrides: Partial<PersonRecord>): PersonRecord => ({
  id: '1014',
  lastName: 'Иванов',
  firstName: 'Иван',
  middleName: null,
  birthDate: '1980-01-01',
  snils: '112-233-445 95',
  omsNumber: null,
  registeredAddress: null,
  meshPersonId: null,
  payerCodes: [],
  vehicles: [],
  parkingAccountId: null,
  ...overrides,
});
const home: Home = { payerCode: '0000101403', userPlaceId: '2000010140', address: 'ул. Тверская, 1', flat: '5', registeredPersons: 2 };
const bill = (uin: string, b: Partial<Bill> = {}): Bill => ({
  payerCode: home.payerCode,
  period: '2026-09-01',
  createdOn: '2026-10-01',
  status: 'NOT_PAID',
  type: 'REGULAR',
  accrual: 865_737,
  paid: 0,
  penalty: 27_271,
  insurance: 0,
  uin,
  ...b,
});
const fine = (uin: string, f: Partial<Fine> = {}): Fine => ({
  uin,
  sts: '7700123456',
  issuedAt: '2026-11-10T10:00:00+03:00',
  amountKopecks: 50_000,
  article: '12.9ч.2',
  status: 'UNPAID',
  discount: { percent: 50, until: '2026-11-30', amountKopecks: 25_000 },
  ...f,
});

function targets(record: PersonRecord, bills: Bill[], fines: Fine[]) {
  const asked: string[] = [];
  const registry: RegistryPort = { getPersons: async (ids) => new Map(ids.filter((id) => id === record.id).map((id) => [id, record])), getChildren: async () => [] };
  const housing = {
    getHomes: async () => [home],
    getBills: async () => {
      asked.push('bills');
      return new Map([[home.payerCode, bills]]);
    },
  } as unknown as HousingPort;
  const finesPort: FinesPort = {
    getFines: async (certificates) => {
      asked.push('fines');
      return new Map(certificates.map((c) => [c, fines.filter((f) => f.sts === c)]));
    },
  };
  return { asked, payable: new PayableTargets({ registry, housing, fines: finesPort, topUps: { getTopUpLimits: async () => ({ minKopecks: 10_000, maxKopecks: 1_500_000 }) } }) };
}

describe('what a payer may pay, and how much', () => {
  it('charges a bill its accrual and penalty less what is paid, and refuses one paid in full', async () => {
    const { payable } = targets(person({ payerCodes: [home.payerCode] }), [bill('10000101403202609034'), bill('10000101403202610712', { paid: 893_008 })], []);
    await expect(payable.bill('1014', '10000101403202609034', NOW)).resolves.toMatchObject({ kind: 'BILL', amountKopecks: 893_008 });
    await expect(payable.bill('1014', '10000101403202610712', NOW)).rejects.toMatchObject({ extensions: { code: 'PAYMENT_NOT_DUE' } });
  });

  it("answers NOT_FOUND for a bill not among the payer's homes, and asks housing nothing without payer codes", async () => {
    const mine = targets(person({ payerCodes: [home.payerCode] }), [bill('10000101403202609034')], []);
    await expect(mine.payable.bill('1014', '10000999903202609034', NOW)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const none = targets(person({ payerCodes: [] }), [bill('10000101403202609034')], []);
    await expect(none.payable.bill('1014', '10000101403202609034', NOW)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(none.asked).toEqual([]);
  });

  it("charges a fine its discounted amount to the window's last day (Moscow date), its whole amount after", async () => {
    const f = fine('18810778663655250059');
    expect(fineAmountDue(f, new Date('2026-11-30T23:59:59+03:00'))).toBe(25_000);
    expect(fineAmountDue(f, new Date('2026-12-01T00:00:00+03:00'))).toBe(50_000);
    expect(fineAmountDue({ ...f, discount: null }, NOW)).toBe(50_000);
    const { payable } = targets(person({ vehicles: [{ plate: 'А123ВС77', sts: '7700123456' }] }), [], [f, fine('18810773064542584402', { status: 'PAID' })]);
    await expect(payable.fine('1014', f.uin, NOW)).resolves.toMatchObject({ kind: 'FINE', amountKopecks: 25_000 });
    await expect(payable.fine('1014', '18810773064542584402', NOW)).rejects.toMatchObject({ extensions: { code: 'PAYMENT_NOT_DUE' } });
    await expect(payable.fine('1014', '18810770000000000000', NOW)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it("takes a top-up only within the account's limits, and only for a payer with an account", async () => {
    const { payable } = targets(person({ parkingAccountId: '0000001014' }), [], []);
    await expect(payable.topUp('1014', 50_000)).resolves.toMatchObject({ kind: 'PARKING_TOP_UP', ref: '0000001014', amountKopecks: 50_000 });
    await expect(payable.topUp('1014', 9_999)).rejects.toMatchObject({ extensions: { code: 'TOPUP_AMOUNT_OUT_OF_RANGE' } });
    await expect(payable.topUp('1014', 1_500_001)).rejects.toMatchObject({ extensions: { code: 'TOPUP_AMOUNT_OUT_OF_RANGE' } });
    const without = targets(person({}), [], []);
    await expect(without.payable.topUp('1014', 50_000)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});

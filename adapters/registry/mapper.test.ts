import batch from './fixtures/persons-batch.json';
import { toPersonRecord } from './mapper';
import { WireBatchReply, type WirePerson } from './wire';

const wire = WireBatchReply.parse(batch).persons;
const adult = wire[0] as WirePerson;
const child = wire[1] as WirePerson;
const endpoint = 'GET /api/profile/v1/persons';

describe('registry mapper', () => {
  it('maps a recorded person to the domain record', () => {
    const record = toPersonRecord(adult, endpoint);
    expect(record).toMatchObject({
      id: adult.id,
      lastName: adult.last_name,
      birthDate: adult.birth_date,
      snils: adult.snils,
      omsNumber: adult.oms_number,
      payerCodes: adult.payer_codes,
      vehicles: adult.vehicles,
      parkingAccountId: adult.parking_account_id,
    });
    expect(record.registeredAddress).toEqual({
      text: adult.registration!.address_text,
      flat: adult.registration!.flat,
      unom: adult.registration!.unom,
      districtCode: adult.registration!.district_code,
    });
    expect(toPersonRecord(child, endpoint).payerCodes).toEqual([]);
  });

  it.each([
    ['a SNILS failing its check number', { snils: '112-233-445 96' }, 'snils'],
    ['a birth date in the Russian form', { birth_date: '24.06.1968' }, 'birth_date'],
    ['an OMS number of the wrong length', { oms_number: '123' }, 'oms_number'],
    ['a payer code that is not 10 digits', { payer_codes: ['77123'] }, 'payer_codes'],
  ])('refuses %s as LEGACY_BAD_RESPONSE without quoting it', (_name, patch, field) => {
    const broken = { ...adult, ...patch } as WirePerson;
    let caught: unknown;
    try {
      toPersonRecord(broken, endpoint);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'registry' });
    expect((caught as Error).message).toContain(field);
    expect((caught as Error).message).not.toContain(String(Object.values(patch)[0]));
  });
});

import { isCalendarDate, isValidSnils } from '../../platform/identifiers';
import { LegacyBadResponseError } from '../transport';
import type { PersonRecord } from './port';
import type { WirePerson } from './wire';

const SYSTEM = 'registry';

/** Registry person → domain, refusing records whose identifiers are broken rather than passing them on. */
export function toPersonRecord(wire: WirePerson, endpoint: string): PersonRecord {
  const bad = (reason: string): never => {
    throw new LegacyBadResponseError(SYSTEM, endpoint, reason);
  };
  if (!/^\d+$/.test(wire.id)) bad('person.id is not numeric');
  if (!isCalendarDate(wire.birth_date)) bad('person.birth_date is not YYYY-MM-DD');
  if (!isValidSnils(wire.snils)) bad('person.snils fails its check number');
  if (wire.oms_number && !/^\d{16}$/.test(wire.oms_number)) bad('person.oms_number is not 16 digits');
  if (wire.payer_codes.some((code) => !/^\d{10}$/.test(code))) bad('person.payer_codes has a code that is not 10 digits');
  const reg = wire.registration;
  return {
    id: wire.id,
    lastName: wire.last_name,
    firstName: wire.first_name,
    middleName: wire.middle_name ?? null,
    birthDate: wire.birth_date,
    snils: wire.snils,
    omsNumber: wire.oms_number ?? null,
    registeredAddress: reg ? { text: reg.address_text, flat: reg.flat ?? null, unom: reg.unom, districtCode: reg.district_code } : null,
    meshPersonId: wire.mesh_person_id ?? null,
    payerCodes: wire.payer_codes,
    vehicles: wire.vehicles.map((v) => ({ plate: v.plate, sts: v.sts })),
    parkingAccountId: wire.parking_account_id ?? null,
  };
}

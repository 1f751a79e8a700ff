import type { Person } from '../population';

/** A person in the registry's wire shape (snake_case, dates as `YYYY-MM-DD`). */
export function personPayload(person: Person): Record<string, unknown> {
  return {
    id: String(person.id),
    last_name: person.lastName,
    first_name: person.firstName,
    middle_name: person.middleName,
    birth_date: person.birthDate,
    snils: person.snils,
    oms_number: person.omsNumber,
    registration: {
      unom: person.registration.unom,
      district_code: person.registration.districtCode,
      address_text: person.registration.addressText,
      flat: person.registration.flat,
    },
    mesh_person_id: person.meshPersonId,
    payer_codes: person.payerCodes,
    vehicles: person.vehicles.map((v) => ({ plate: v.plate, sts: v.sts })),
    parking_account_id: person.parkingAccountId,
  };
}

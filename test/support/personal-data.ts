import type { Person, Population } from '../../legacy/population';

/**
 * Every value of a person and of the children they represent that counts as personal data here:
 * ids, names, SNILS (as written and as digits), OMS numbers, birth dates, addresses, payer codes,
 * plates and vehicle certificates, MESH ids and parking accounts. What a test scans output for.
 */
export function personalValuesOf(person: Person, population: Population): Array<{ what: string; value: string }> {
  const people = [person, ...person.childIds.map((id) => population.person(id)).filter((p): p is Person => p !== undefined)];
  return people.flatMap((p, i) => {
    const who = i === 0 ? 'person' : `child ${i}`;
    const values: Array<[string, string | null]> = [
      ['id', String(p.id)],
      ['last name', p.lastName],
      ['first name', p.firstName],
      ['middle name', p.middleName],
      ['birth date', p.birthDate],
      ['SNILS', p.snils],
      ['SNILS digits', p.snils.replace(/\D/g, '')],
      ['OMS number', p.omsNumber],
      ['address', p.registration.addressText],
      ['MESH id', p.meshPersonId],
      ['parking account', p.parkingAccountId],
      ...p.payerCodes.map((code): [string, string] => ['payer code', code]),
      ...p.vehicles.flatMap(
        (v): Array<[string, string]> => [
          ['plate', v.plate],
          ['vehicle certificate', v.sts],
        ],
      ),
    ];
    return values.filter((entry): entry is [string, string] => Boolean(entry[1])).map(([what, value]) => ({ what: `${who}: ${what}`, value }));
  });
}

/**
 * Whether `text` holds `value`: as a whole token for digits-only values (a person id of 4 digits
 * is also part of many numbers), as a substring otherwise.
 */
export function mentions(text: string, value: string): boolean {
  if (/^\d+$/.test(value)) return new RegExp(`(^|\\D)${value}(\\D|$)`).test(text);
  return text.includes(value);
}

import { hash32 } from '../kit/seeded';

/**
 * Keys into the legacy systems. Each encodes the person (and which of their homes or cars) with a
 * keyed check, so every simulator can tell whose key it was handed without a shared database,
 * and a made-up key is recognised as unknown rather than invented into a person.
 */

const check = (seed: string, kind: string, value: string, digits: number): string => String(hash32(seed, kind, value) % 10 ** digits).padStart(digits, '0');

/** OMS policy: 16 digits, `77` + person id (10 digits) + 4 check digits. */
export function encodeOms(seed: string, personId: number): string {
  const body = `77${String(personId).padStart(10, '0')}`;
  return body + check(seed, 'oms', body, 4);
}

export function decodeOms(seed: string, oms: string): number | undefined {
  if (!/^77\d{14}$/.test(oms)) return undefined;
  const body = oms.slice(0, 12);
  return check(seed, 'oms', body, 4) === oms.slice(12) ? Number(body.slice(2)) : undefined;
}

/** MESH person id: 11 digits, `3` + person id (10 digits); only school-age children have one. */
export function encodeMeshId(personId: number): string {
  return `3${String(personId).padStart(10, '0')}`;
}

export function decodeMeshId(meshId: string): number | undefined {
  return /^3\d{10}$/.test(meshId) ? Number(meshId.slice(1)) : undefined;
}

/** EPD payer code: 10 digits, person id (8) + home index (1) + check digit. */
export function encodePayerCode(seed: string, personId: number, homeIndex: number): string {
  const body = `${String(personId).padStart(8, '0')}${homeIndex}`;
  return body + check(seed, 'payer', body, 1);
}

export function decodePayerCode(seed: string, payerCode: string): { personId: number; homeIndex: number } | undefined {
  if (!/^\d{10}$/.test(payerCode)) return undefined;
  const body = payerCode.slice(0, 9);
  if (check(seed, 'payer', body, 1) !== payerCode[9]) return undefined;
  return { personId: Number(body.slice(0, 8)), homeIndex: Number(body[8]) };
}

/** Vehicle registration certificate (STS): 10 digits, vehicle index + check digit + person id (8). */
export function encodeSts(seed: string, personId: number, vehicleIndex: number): string {
  const id = String(personId).padStart(8, '0');
  return `${vehicleIndex}${check(seed, 'sts', `${vehicleIndex}${id}`, 1)}${id}`;
}

export function decodeSts(seed: string, sts: string): { personId: number; vehicleIndex: number } | undefined {
  if (!/^\d{10}$/.test(sts)) return undefined;
  const vehicleIndex = Number(sts[0]);
  const id = sts.slice(2);
  if (check(seed, 'sts', `${vehicleIndex}${id}`, 1) !== sts[1]) return undefined;
  return { personId: Number(id), vehicleIndex };
}

/** AMPP parking account: 10 digits, `5` + person id (9). */
export function encodeParkingAccount(personId: number): string {
  return `5${String(personId).padStart(9, '0')}`;
}

export function decodeParkingAccount(accountId: string): number | undefined {
  return /^5\d{9}$/.test(accountId) ? Number(accountId.slice(1)) : undefined;
}

import type { SimResponse } from '../kit';

/**
 * JSON as ed.mos.ru writes it: a reading is a float even when whole (`"indication":483.0`), which
 * `JSON.stringify` cannot write. Only the `indication` key is touched, and only a whole number.
 */
export function portalJson(value: unknown, status?: number): SimResponse {
  const text = JSON.stringify(value).replace(/"indication":(-?\d+)(?=[,}])/g, '"indication":$1.0');
  return { ...(status === undefined ? {} : { status }), contentType: 'application/json; charset=utf-8', text };
}

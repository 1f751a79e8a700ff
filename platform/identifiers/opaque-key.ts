/**
 * The one rule for ids and keys a client makes up or passes back without the graph knowing their
 * shape (idempotency keys, meter ids, staff actor ids): 1 to `maxLength` characters, every one of
 * them printable — letters, marks, digits, punctuation, symbols and the plain space — and not only
 * spaces. That keeps out NUL (which PostgreSQL cannot store in text), other control and format
 * characters (line breaks forged into logs, bidi overrides), lone surrogates (not UTF-8 at all)
 * and unassigned code points, and bounds what is stored, logged and sent on.
 */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]+$/u;

export function isOpaqueKey(value: string, maxLength: number): boolean {
  return value.length >= 1 && value.length <= maxLength && PRINTABLE.test(value) && value.trim().length > 0;
}

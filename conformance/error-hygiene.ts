import { isRegisteredCode } from '../platform/errors';
import type { ReceivedError } from './subgraph-call';

/**
 * Signs of an internal address or of the code behind it: URLs, IP addresses, host:port, socket
 * errors, file paths and stack frames. A client must never learn where a subgraph's systems are.
 */
const INTERNAL_ADDRESS: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s"']+/i, what: 'a URL' },
  { pattern: /\b(?:\d{1,3}\.){3}\d{1,3}\b/, what: 'an IP address' },
  { pattern: /\b(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)+):\d{2,5}\b/i, what: 'a host and port' },
  { pattern: /\b(?:ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|EAI_AGAIN)\b/, what: 'a socket error' },
  { pattern: /(?:^|[\s("'])(\/(?:home|usr|var|opt|srv|app|tmp|etc|root|workspace)\/[^\s"')\]]*)/, what: 'a file path' },
  { pattern: /\.(?:[cm]?[jt]s):\d+(?::\d+)?\b/, what: 'a source location' },
  { pattern: /\bat (?:async )?\S+ \((?:\/|file:|node:)/, what: 'a stack frame' },
];

/** Extensions that carry the insides of an error; Apollo adds them outside production. */
const STACK_EXTENSIONS = ['stacktrace', 'exception', 'stack'];

/**
 * What is wrong with one error a subgraph sent, in the kit's words; empty when nothing is. A leaked
 * address is quoted (cut short) so the department can find it; the message around it is not, as
 * it may hold personal data.
 */
export function errorFaults(error: ReceivedError): string[] {
  const faults: string[] = [];
  const code = error.extensions?.code;
  if (code === undefined) faults.push('an error without extensions.code');
  else if (!isRegisteredCode(code)) faults.push(`the code ${JSON.stringify(code)} is not in the registry (platform/errors/error-codes.ts)`);
  for (const key of STACK_EXTENSIONS) if (error.extensions && key in error.extensions) faults.push(`a stack trace (extensions.${key})`);
  const { code: _code, ...otherExtensions } = error.extensions ?? {};
  const text = `${typeof error.message === 'string' ? error.message : ''}\n${JSON.stringify(otherExtensions)}`;
  for (const { pattern, what } of INTERNAL_ADDRESS) {
    const found = pattern.exec(text);
    if (found) faults.push(`${what} (${(found[1] ?? found[0]).trim().slice(0, 60)})`);
  }
  return faults;
}

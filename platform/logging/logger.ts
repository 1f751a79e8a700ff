import pino, { type DestinationStream, type Logger } from 'pino';
import { activeTraceFields } from '../telemetry';

/**
 * Paths that may carry personal data or secrets. Code should not log such values at all; this is
 * the net under that rule, because one careless `logger.info(person)` must not leak a SNILS.
 */
export const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'headers.cookie',
  'headers["x-internal-credential"]',
  'token',
  '*.token',
  'snils',
  '*.snils',
  'omsNumber',
  '*.omsNumber',
  'oms_number',
  '*.oms_number',
  'fullName',
  '*.fullName',
  'address',
  '*.address',
  'addressText',
  '*.addressText',
  'diagnosis',
  '*.diagnosis',
  'lastName',
  '*.lastName',
  'firstName',
  '*.firstName',
  'middleName',
  '*.middleName',
  'birthDate',
  '*.birthDate',
  'payerCode',
  '*.payerCode',
  'payerCodes',
  '*.payerCodes',
  'plate',
  '*.plate',
  'sts',
  '*.sts',
  'purpose',
  '*.purpose',
  'cookie',
  '*.cookie',
  'variables',
  '*.variables',
];

export interface LoggerOptions {
  /** The service name bound to every line (`gateway`, `subgraph:health`). */
  service: string;
  /** pino level; default `info`. */
  level?: string;
  /**
   * Where lines go; tests pass an in-memory stream to assert on them. Default: stdout, written
   * asynchronously (lines that arrive while a write is in flight go out together in the next one),
   * so a busy service spends one write per batch of lines, not one blocking write per line. pino
   * flushes what is buffered when the process exits.
   */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // `trace_id` and `span_id` of the span the line is written in, so a line leads to its trace.
      // Without tracing no span is ever active and this adds nothing.
      mixin: activeTraceFields,
    },
    options.destination ?? stdout(),
  );
}

let sharedStdout: DestinationStream | undefined;

/** One stdout writer per process, so the loggers of an embedded system never interleave inside a line. */
function stdout(): DestinationStream {
  sharedStdout ??= pino.destination({ dest: 1, sync: false });
  return sharedStdout;
}

export type { Logger };

import { ERROR_CODES, type ErrorCodeDefinition, SERVER_ERROR_CODES } from './error-codes';

/** The README lines that fence the generated table; what lies between them is rewritten whole. */
export const ERROR_TABLE_START = '<!-- error-codes:start (generated from platform/errors/error-codes.ts by npm run errors:doc; do not edit) -->';
export const ERROR_TABLE_END = '<!-- error-codes:end -->';

const HEADER = '| code | meaning | HTTP when it refuses the request | since |\n|---|---|---|---|';

/** The registry as Markdown: our codes, then those Apollo Server answers by itself. */
export function errorTable(): string {
  return [
    '`HTTP` is the status of a response the code refuses whole; — means the code only sits beside the data of an answer (HTTP 200). `since` is the day the graph first answered with it.',
    '',
    HEADER,
    ...rows(ERROR_CODES),
    '',
    'Apollo Server answers these by itself, before the graph runs:',
    '',
    HEADER,
    ...rows(SERVER_ERROR_CODES),
  ].join('\n');
}

function rows(codes: Readonly<Record<string, ErrorCodeDefinition>>): string[] {
  // A pipe in a description would end its cell early.
  return Object.entries(codes).map(([code, d]) => `| \`${code}\` | ${d.description.replaceAll('|', '\\|')} | ${d.http ?? '—'} | ${d.addedIn} |`);
}

/** `document` with the text between the markers replaced by the table; fails when the markers are missing. */
export function withErrorTable(document: string): string {
  const start = document.indexOf(ERROR_TABLE_START);
  const end = document.indexOf(ERROR_TABLE_END);
  if (start < 0 || end < start) throw new Error(`the document has no error table between ${ERROR_TABLE_START} and ${ERROR_TABLE_END}`);
  return `${document.slice(0, start + ERROR_TABLE_START.length)}\n${errorTable()}\n${document.slice(end)}`;
}

import { Lexer, Source, type Token, TokenKind } from 'graphql';
import type { Priority } from './admission-control';

/** The kind of an executable operation, as GraphQL names it. */
export type OperationKind = 'query' | 'mutation' | 'subscription';

/** What a service knows beyond the request itself to judge its priority. */
export interface PriorityRules {
  /**
   * The kind of a persisted operation sent by id only (`extensions.persistedQuery.sha256Hash`):
   * the gateway's trusted documents know each one's. Absent, or `undefined` for an id, such a
   * request is a read.
   */
  persistedOperationKind?: (sha256Hash: string) => OperationKind | undefined;
}

/**
 * The priority of a GraphQL-over-HTTP request from its decoded JSON body, without parsing the
 * document: a mutation is `critical`, anything else (reads, and whatever cannot be told) is
 * `normal`. The document is only tokenised, and only as far as the operation's keyword, so judging
 * a refused request costs a small fraction of what parsing and validating it would.
 *
 * Claiming a mutation buys a request nothing but the reserved share of the limit: it is still
 * parsed, validated and authorised like any other, and a read dressed as a mutation is refused by
 * GraphQL itself (a document's operation is what runs).
 */
export function requestPriority(body: unknown, rules: PriorityRules = {}): Priority {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'normal';
  const { query, operationName, extensions } = body as { query?: unknown; operationName?: unknown; extensions?: unknown };
  if (typeof query === 'string') return operationKindOf(query, typeof operationName === 'string' ? operationName : undefined) === 'mutation' ? 'critical' : 'normal';
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  if (typeof hash === 'string' && rules.persistedOperationKind?.(hash) === 'mutation') return 'critical';
  return 'normal';
}

const OPERATION_KEYWORDS: ReadonlySet<string> = new Set(['query', 'mutation', 'subscription']);

/**
 * The kind of the operation a request would run: the one named `operationName`, or without a name
 * the document's first operation (a document of several without a name is refused by the server
 * anyway). `undefined` when the document names no such operation or does not tokenise.
 */
export function operationKindOf(document: string, operationName?: string): OperationKind | undefined {
  let lexer: Lexer;
  try {
    lexer = new Lexer(new Source(document));
    let depth = 0;
    let token: Token = lexer.advance();
    while (token.kind !== TokenKind.EOF) {
      if (depth === 0) {
        // A definition starts here: an operation (by keyword or the `{` shorthand), or something else.
        if (token.kind === TokenKind.BRACE_L) {
          if (operationName === undefined) return 'query';
        } else if (token.kind === TokenKind.NAME && OPERATION_KEYWORDS.has(token.value)) {
          const kind = token.value as OperationKind;
          const next = lexer.lookahead();
          const name = next.kind === TokenKind.NAME ? next.value : undefined;
          if (operationName === undefined || name === operationName) return kind;
        }
        token = skipToBody(lexer, token);
      }
      if (token.kind === TokenKind.BRACE_L) depth += 1;
      else if (token.kind === TokenKind.BRACE_R) depth -= 1;
      token = lexer.advance();
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Advances from a definition's first token to the `{` that opens its selection set (or the end). */
function skipToBody(lexer: Lexer, token: Token): Token {
  let current = token;
  let parentheses = 0;
  while (current.kind !== TokenKind.EOF) {
    if (current.kind === TokenKind.PAREN_L) parentheses += 1;
    else if (current.kind === TokenKind.PAREN_R) parentheses -= 1;
    else if (current.kind === TokenKind.BRACE_L && parentheses === 0) return current;
    current = lexer.advance();
  }
  return current;
}

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildSchema, GraphQLError, type GraphQLSchema, parse, Source, validate } from 'graphql';
import type { Advice } from '../advice';

/** A registered operation: one `operations/*.graphql`, as the frontends send it. */
export interface RegisteredOperation {
  /** As messages name it: `operations/ResidentDashboard.graphql`. */
  file: string;
  text: string;
}

export function readRegisteredOperations(operationsDir: string): RegisteredOperation[] {
  return readdirSync(operationsDir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => ({ file: `${basename(operationsDir)}/${name}`, text: readFileSync(join(operationsDir, name), 'utf8') }));
}

/** An API schema operations are validated against: `api`, or a variant's name, and its SDL. */
export interface OperationTarget {
  name: string;
  sdl: string;
}

/**
 * Every registered operation that does not validate against one of `targets`, one finding per
 * operation naming each reason, its lines and the schemas it fails on. A change that breaks no
 * client in general can still break one the portal actually sends; this is where it shows.
 */
export function invalidOperations(targets: ReadonlyArray<OperationTarget>, operations: ReadonlyArray<RegisteredOperation>): Advice[] {
  const schemas = targets.map((target) => ({ name: target.name, schema: buildSchema(target.sdl) }));
  const findings: Advice[] = [];
  for (const operation of operations) {
    // The same reason on several schemas (a field gone from the API and from its variants) is told once.
    const reasons = new Map<string, { lines: Set<number>; schemas: string[] }>();
    for (const { name, schema } of schemas) {
      for (const error of errorsOf(schema, operation)) {
        const reason = reasons.get(error.message) ?? { lines: new Set<number>(), schemas: [] };
        for (const location of error.locations ?? []) reason.lines.add(location.line);
        reason.schemas.push(name);
        reasons.set(error.message, reason);
      }
    }
    if (reasons.size === 0) continue;
    const schemasNamed = [...new Set([...reasons.values()].flatMap((r) => r.schemas))];
    findings.push({
      what: `${operation.file} does not validate against ${schemasNamed.map(describe).join(' and ')}: ${[...reasons.keys()].join(' ')}`,
      where: [...new Set([...reasons.values()].flatMap((r) => [...r.lines]))].sort((a, b) => a - b).map((line) => `${operation.file}:${line}`),
      why: 'It is a registered operation: the frontends send exactly this text (a trusted document in production), so they break the moment this schema is served.',
      todo: 'Keep what the operation uses (deprecate instead of removing), or change the operation together with the frontend team and run `npm run manifest`.',
    });
  }
  return findings;
}

function errorsOf(schema: GraphQLSchema, operation: RegisteredOperation): ReadonlyArray<GraphQLError> {
  try {
    return validate(schema, parse(new Source(operation.text, operation.file)));
  } catch (error) {
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
}

function describe(schema: string): string {
  return schema === 'api' ? 'the API schema' : `the "${schema}" variant`;
}

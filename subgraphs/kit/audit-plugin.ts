import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { GraphQLResolveInfo } from 'graphql';
import type { AuditEvent, AuditTrail } from '../../platform/audit';
import type { Principal } from '../../platform/auth';
import type { Logger } from '../../platform/logging';
import type { SubgraphContext } from './subgraph-context';

/** Which reads of a subgraph go to the audit trail. */
export interface AuditPolicy {
  /**
   * Residents' reads too, not only staff's: the health subgraph records every read of medical
   * data, whoever reads it. Default false: staff reads only.
   */
  everyRead?: boolean;
  /** Resident fields that are not personal data of the resident and are not recorded (`medicalAccessLog`). */
  exemptFields?: ReadonlyArray<string>;
  /**
   * Root fields (of Query or Mutation) that answer with the signed-in resident's own data and are
   * recorded as a read of that resident, e.g. the health subgraph's `availableSlots`. Default none.
   */
  residentRootFields?: ReadonlyArray<string>;
  /**
   * Arguments recorded with a field's name because they say which record was read, by
   * `Type.field`: `{ 'MedicalCard.document': ['id'] }` records `medicalCard.document(id: 123)`.
   * Only ids are meant here, never personal data. Default none.
   */
  identifyingArguments?: Readonly<Record<string, ReadonlyArray<string>>>;
}

type Path = GraphQLResolveInfo['path'];

const ALWAYS_EXEMPT = new Set(['id', '__typename']);
/** What an identifying argument may look like to be written down; anything else is left out. */
const RECORDABLE_ARGUMENT = /^[A-Za-z0-9_-]{1,64}$/;

function pathKey(path: Path | undefined): string {
  const keys: Array<string | number> = [];
  for (let p = path; p; p = p.prev) keys.push(p.key);
  return keys.reverse().join('.');
}

/**
 * Writes who read whose record, which fields, why and when, for every `Resident` this subgraph
 * served, and every read it refused. Fields are gathered while they resolve (only those that
 * resolved without error) and written in one statement before the answer leaves; when the write
 * fails, the answer is replaced by an error, so no read is ever served unrecorded. A Resident is
 * recognised by type name and its `id`, so the subgraphs need no code of their own for it.
 *
 * Fields are recorded by their names in the schema (`medicalCard.document(id: 123)`), never by
 * the response keys the client chose: an alias cannot make one read look like another. Which
 * fields a subgraph records for residents too is its policy's to say; the health subgraph's is
 * the table of medical data in `subgraphs/health/medical-data.ts`. Refused reads
 * (`ctx.refusedReads`) are written for every signed-in caller, whatever the policy.
 */
export function useAuditTrail(options: {
  subgraph: string;
  policy: AuditPolicy;
  trail: AuditTrail;
  logger: Logger;
  /** Told of every failed write (the process's metrics count them). */
  onWriteFailed?: () => void;
}): ApolloServerPlugin<SubgraphContext> {
  const exempt = new Set([...ALWAYS_EXEMPT, ...(options.policy.exemptFields ?? [])]);
  const rootFields = new Set(options.policy.residentRootFields ?? []);
  const identifying = options.policy.identifyingArguments ?? {};

  /** The field as the schema names it, with the arguments that identify the record read. */
  const labelOf = (info: GraphQLResolveInfo, args: Record<string, unknown>): string => {
    const names = identifying[`${info.parentType.name}.${info.fieldName}`];
    if (!names) return info.fieldName;
    const parts = names.flatMap((name) => {
      const value = args[name];
      return (typeof value === 'string' || typeof value === 'number') && RECORDABLE_ARGUMENT.test(String(value)) ? [`${name}: ${String(value)}`] : [];
    });
    return parts.length > 0 ? `${info.fieldName}(${parts.join(', ')})` : info.fieldName;
  };

  const eventsOf = (
    principal: Exclude<Principal, { kind: 'anonymous' }>,
    requestId: string,
    occurredAt: Date,
    outcome: AuditEvent['outcome'],
    reads: ReadonlyMap<string, ReadonlySet<string>>,
  ): AuditEvent[] => {
    const events: AuditEvent[] = [];
    for (const [subjectId, fieldSet] of reads) {
      if (fieldSet.size === 0 && principal.kind !== 'staff') continue;
      const fields = [...fieldSet];
      events.push({
        actorKind: principal.kind === 'staff' ? 'staff' : 'resident',
        actorId: principal.kind === 'staff' ? principal.subject : principal.personId,
        purpose: principal.kind === 'staff' ? principal.purpose : null,
        subjectId,
        subgraph: options.subgraph,
        // `medicalCard` is implied by `medicalCard.documents`.
        fields: fields.filter((f) => !fields.some((other) => other.startsWith(`${f}.`))).sort(),
        requestId,
        occurredAt,
        outcome,
      });
    }
    return events;
  };

  return {
    async requestDidStart({ contextValue }) {
      const principal = contextValue.principal;
      if (principal.kind === 'anonymous') return {};
      const recordsReads = principal.kind === 'staff' || options.policy.everyRead === true;
      /** Where in the answer each Resident object sits → its person id. */
      const residentsAt = new Map<string, string>();
      /** Where in the answer a field under a resident sits → its schema label, for the fields a path is named by. */
      const labels = new Map<string, string>();
      /** Person id → fields read. */
      const reads = new Map<string, Set<string>>();
      const read = (personId: string): Set<string> => {
        let fields = reads.get(personId);
        if (!fields) {
          fields = new Set();
          reads.set(personId, fields);
        }
        return fields;
      };

      /**
       * The resident a field belongs to and the field's schema path from them; undefined outside
       * any resident. Under a single object (medicalCard) the next name says what was read; under
       * a list, the list is enough.
       */
      const locate = (info: GraphQLResolveInfo, label: string): { personId: string; field: string } | undefined => {
        const nodes: Path[] = [];
        for (let p: Path | undefined = info.path; p; p = p.prev) {
          nodes.push(p);
          const personId = residentsAt.get(pathKey(p.prev));
          if (personId === undefined) continue;
          nodes.reverse();
          const [top, next] = nodes as [Path, Path | undefined];
          const topLabel = labels.get(pathKey(top)) ?? info.fieldName;
          if (exempt.has(topLabel.split('(')[0]!)) return undefined;
          if (!next || typeof next.key !== 'string') return { personId, field: topLabel };
          let nextLabel = labels.get(pathKey(next));
          if (nodes.length === 2) {
            // This field is the next name itself: later fields below it find its label here.
            nextLabel = label;
            labels.set(pathKey(next), label);
          }
          return { personId, field: nextLabel === undefined ? topLabel : `${topLabel}.${nextLabel}` };
        }
        return undefined;
      };

      const willSendResponse = async ({ response, contextValue: ctx }: GraphQLRequestContextWillSendResponse<SubgraphContext>): Promise<void> => {
        const occurredAt = new Date();
        const events = [
          ...(recordsReads ? eventsOf(principal, ctx.requestId, occurredAt, 'served', reads) : []),
          ...eventsOf(principal, ctx.requestId, occurredAt, 'refused', ctx.refusedReads.entries()),
        ];
        if (events.length === 0) return;
        try {
          await options.trail.record(events);
        } catch (error) {
          options.onWriteFailed?.();
          // The driver's message may quote values; the type and code are enough to find the fault.
          ctx.logger.error({ err: { type: (error as Error).name, code: (error as { code?: unknown }).code } }, 'audit trail write failed; the read is refused');
          if (response.body.kind === 'single') {
            response.body.singleResult = {
              data: null,
              errors: [{ message: 'The read could not be recorded in the audit trail, so it is not served.', extensions: { code: 'AUDIT_UNAVAILABLE', system: 'audit' } }],
            };
          }
        }
      };

      // A resident's reads in a subgraph that records staff reads only: refusals are still written.
      if (!recordsReads) return { willSendResponse };

      return {
        async executionDidStart() {
          return {
            willResolveField({ source, args, info }) {
              if (info.fieldName.startsWith('__')) return undefined;
              const label = labelOf(info, args as Record<string, unknown>);
              let target: { personId: string; field: string } | undefined;
              if (info.parentType.name === 'Resident' && typeof (source as { id?: unknown } | null)?.id === 'string') {
                const personId = (source as { id: string }).id;
                residentsAt.set(pathKey(info.path.prev), personId);
                labels.set(pathKey(info.path), label);
                // Staff are recorded for merely reaching a record; residents only for what they read.
                if (principal.kind === 'staff') read(personId);
                if (!exempt.has(info.fieldName)) target = { personId, field: label };
              } else if (info.path.prev === undefined) {
                // The signed-in resident's own data answered at the root (free slots, a booking).
                if (principal.kind === 'resident' && rootFields.has(info.fieldName)) target = { personId: principal.personId, field: label };
              } else {
                target = locate(info, label);
              }
              if (!target) return undefined;
              const { personId, field } = target;
              return (error) => {
                if (!error) read(personId).add(field);
              };
            },
          };
        },
        willSendResponse,
      };
    },
  };
}

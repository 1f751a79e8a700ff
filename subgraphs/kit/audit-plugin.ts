import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLResolveInfo } from 'graphql';
import type { AuditEvent, AuditTrail } from '../../platform/audit';
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
}

type Path = GraphQLResolveInfo['path'];

const ALWAYS_EXEMPT = new Set(['id', '__typename']);
function pathKey(path: Path | undefined): string {
  const keys: Array<string | number> = [];
  for (let p = path; p; p = p.prev) keys.push(p.key);
  return keys.reverse().join('.');
}

/**
 * Writes who read whose record, which fields, why and when, for every `Resident` this subgraph
 * served. Fields are gathered while they resolve (only those that resolved without error) and
 * written in one statement before the answer leaves; when the write fails, the answer is replaced
 * by an error, so no read is ever served unrecorded. A Resident is recognised by type name and
 * its `id`, so the subgraphs need no code of their own for it.
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
  return {
    async requestDidStart({ contextValue }) {
      const principal = contextValue.principal;
      if (principal.kind === 'anonymous' || (principal.kind === 'resident' && !options.policy.everyRead)) return {};
      /** Where in the answer each Resident object sits → its person id. */
      const residentsAt = new Map<string, string>();
      /** Person id → fields read. */
      const reads = new Map<string, Set<string>>();
      const read = (personId: string): Set<string> => {
        let fields = reads.get(personId);
        if (!fields) reads.set(personId, (fields = new Set()));
        return fields;
      };

      /** The resident a field belongs to and the field's path from them; undefined outside any resident. */
      const locate = (info: GraphQLResolveInfo): { personId: string; field: string } | undefined => {
        const segments: Array<string | number> = [];
        for (let p: Path | undefined = info.path; p; p = p.prev) {
          segments.push(p.key);
          const personId = residentsAt.get(pathKey(p.prev));
          if (personId === undefined) continue;
          segments.reverse();
          const [top, next] = segments;
          // Under a single object (medicalCard) the next name says what was read; under a list, the list is enough.
          return { personId, field: typeof next === 'string' ? `${String(top)}.${next}` : String(top) };
        }
        return undefined;
      };

      return {
        async executionDidStart() {
          return {
            willResolveField({ source, info }) {
              let target: { personId: string; field: string } | undefined;
              if (info.parentType.name === 'Resident' && typeof (source as { id?: unknown } | null)?.id === 'string') {
                const personId = (source as { id: string }).id;
                residentsAt.set(pathKey(info.path.prev), personId);
                // Staff are recorded for merely reaching a record; residents only for what they read.
                if (principal.kind === 'staff') read(personId);
                if (!exempt.has(info.fieldName)) target = { personId, field: info.fieldName };
              } else {
                target = locate(info);
                if (target && exempt.has(target.field.split('.')[0]!)) target = undefined;
              }
              if (!target) return undefined;
              const { personId, field } = target;
              return (error) => {
                if (!error) read(personId).add(field);
              };
            },
          };
        },

        async willSendResponse({ response, contextValue: ctx }) {
          const events: AuditEvent[] = [];
          const occurredAt = new Date();
          for (const [subjectId, fields] of reads) {
            if (fields.size === 0 && principal.kind !== 'staff') continue;
            events.push({
              actorKind: principal.kind === 'staff' ? 'staff' : 'resident',
              actorId: principal.kind === 'staff' ? principal.subject : principal.personId,
              purpose: principal.kind === 'staff' ? principal.purpose : null,
              subjectId,
              subgraph: options.subgraph,
              fields: [...fields].filter((f) => ![...fields].some((other) => other.startsWith(`${f}.`))).sort(),
              requestId: ctx.requestId,
              occurredAt,
            });
          }
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
        },
      };
    },
  };
}

import { moscowDate } from '../../platform/time';
import { SimHttpError, type SimRequest, type SimulatorDefinition, type SimulatorDeps } from '../kit';
import { personPayload } from './person-payload';

/** The batch call takes at most this many ids, as the real registry does. */
export const MAX_BATCH_IDS = 100;

/**
 * The resident registry (city personal account): who a person is and their keys into the other
 * systems. REST JSON, `Authorization: Bearer <service token>`.
 */
export function createRegistrySimulator({ population, clock, serviceToken }: SimulatorDeps): SimulatorDefinition {
  const authorize = (req: SimRequest): void => {
    if (req.headers.authorization !== `Bearer ${serviceToken}`) {
      throw new SimHttpError(401, { json: { code: 'UNAUTHORIZED', message: 'invalid service token' } });
    }
  };
  const personOr404 = (key: string) => {
    const person = population.personByKey(key);
    if (!person) throw new SimHttpError(404, { json: { code: 'NOT_FOUND' } });
    return person;
  };

  return {
    system: 'registry',
    routes: [
      {
        method: 'GET',
        path: '/api/profile/v1/persons/:personId',
        handle(req) {
          authorize(req);
          return { json: { person: personPayload(personOr404(req.params.personId ?? '')) } };
        },
      },
      {
        method: 'GET',
        path: '/api/profile/v1/persons',
        handle(req) {
          authorize(req);
          const ids = (req.query.get('ids') ?? '').split(',').filter((id) => id.length > 0);
          if (ids.length === 0) throw new SimHttpError(400, { json: { code: 'BAD_REQUEST', message: 'ids is required' } });
          if (ids.length > MAX_BATCH_IDS) {
            throw new SimHttpError(400, { json: { code: 'BAD_REQUEST', message: `at most ${MAX_BATCH_IDS} ids per call` } });
          }
          const persons = [];
          const notFound = [];
          for (const id of ids) {
            const person = population.personByKey(id);
            if (person) persons.push(personPayload(person));
            else notFound.push(id);
          }
          return { json: { persons, not_found: notFound } };
        },
      },
      {
        method: 'GET',
        path: '/api/profile/v1/persons/:personId/children',
        handle(req) {
          authorize(req);
          const parent = personOr404(req.params.personId ?? '');
          // Only minors, as the real registry lists them: on the 18th birthday a child drops off.
          const children = population.minorChildrenOf(parent, moscowDate(clock.now()));
          return { json: { children: children.map(personPayload) } };
        },
      },
    ],
  };
}

import { SimHttpError, type SimRequest, type SimulatorDefinition, type SimulatorDeps } from '../kit';
import { accountOf } from './accounts';

/**
 * The treasury system, behind the payments subgraph: a resident's account by the registry's
 * person id. REST JSON, `Authorization: Bearer <service token>`. The call is *(designed)*: a stub
 * written by `npm run subgraph:new`, to be made to speak what the real system speaks once the
 * department connects it (legacy/README.md says how the others were checked).
 */
export function createTreasurySimulator({ population, serviceToken }: SimulatorDeps): SimulatorDefinition {
  const authorize = (req: SimRequest): void => {
    if (req.headers.authorization !== `Bearer ${serviceToken}`) {
      throw new SimHttpError(401, { json: { code: 'UNAUTHORIZED', message: 'invalid service token' } });
    }
  };

  return {
    system: 'treasury',
    routes: [
      {
        method: 'GET',
        path: '/api/v1/persons/:personId/summary',
        handle(req) {
          authorize(req);
          const person = population.personByKey(req.params.personId ?? '');
          const account = person ? accountOf(population, person.id) : undefined;
          if (!account) throw new SimHttpError(404, { json: { code: 'NOT_FOUND' } });
          return { json: { summary: account } };
        },
      },
    ],
  };
}

import type { SimResponse, SimulatorDefinition, SimulatorDeps } from '../kit';
import { AmppAccounts } from './accounts';
import { AmppAuth } from './ampp-auth';
import { amppRoutes } from './ampp-routes';
import { cabinetRoutes } from './cabinet-routes';
import { FINES_PATH, finesRoutes } from './fines-routes';
import { ParkingReference } from './reference-data';
import { faultEnvelope, SOAP_CONTENT_TYPE } from './soap';

/**
 * Parking: AMPP (REST JSON, balances in kopecks; parkings public, the account API for the
 * account's cabinet session or the integration's), the resident's cabinet with the city sign-on,
 * and the fines service (SOAP 1.1 at `/gisgmp/ws`, WS-Security UsernameToken whose password is
 * the service token), served by one server as the city's parking operator does.
 */
export function createParkingSimulator({ population, serviceToken }: SimulatorDeps): SimulatorDefinition {
  const reference = new ParkingReference(population.seed);
  const accounts = new AmppAccounts(population, reference);
  const auth = new AmppAuth(population, serviceToken);
  return {
    system: 'parking',
    routes: [
      ...amppRoutes({ seed: population.seed, auth, reference, accounts }),
      ...cabinetRoutes({ population, auth }),
      ...finesRoutes({ population, serviceToken }),
    ],
    failure(status: number, endpoint: string): SimResponse {
      if (endpoint.startsWith(`POST ${FINES_PATH}`)) {
        // A failing SOAP service still answers an envelope; with status 200 it is the in-body fault some SOAP stacks send.
        return { status, contentType: SOAP_CONTENT_TYPE, text: faultEnvelope('soap:Server', 'Внутренняя ошибка сервиса') };
      }
      return { status, json: { errorCode: 'INTERNAL_ERROR', errorMessage: 'Сервис временно недоступен' } };
    },
    // AMPP's garbage is JSON (the kit's default); the SOAP route's is XML (its own contentType).
  };
}

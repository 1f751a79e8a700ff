import type { SimResponse, SimulatorDefinition, SimulatorDeps } from '../kit';
import { AmppAccounts } from './accounts';
import { AmppAuth } from './ampp-auth';
import { amppRoutes } from './ampp-routes';
import { cabinetRoutes } from './cabinet-routes';
import { FINES_PATH, finesRoutes } from './fines-routes';
import { PaymentsRegister } from './payments-register';
import { ParkingReference } from './reference-data';
import { faultEnvelope, SOAP_CONTENT_TYPE } from './soap';
import { topUpRoutes } from './topup-routes';
import { AmppTopUps } from './topups';

/**
 * Parking: AMPP (REST JSON, balances in kopecks; parkings public, the account API for the
 * account's cabinet session or the integration's; top-ups from the payment service), the
 * resident's cabinet with the city sign-on, and the state payments endpoint (SOAP 1.1 at
 * `/gisgmp/ws`, WS-Security UsernameToken whose password is the service token): the fines service
 * and the federal payments register that acknowledges their payment, served by one server as the
 * city's parking operator does. The register runs here, not as a system of its own, because the
 * fines it acknowledges must show paid: one server shares that state in one process, in every way
 * the simulators run (embedded, all in one process, or each standalone).
 */
export function createParkingSimulator({ population, serviceToken }: SimulatorDeps): SimulatorDefinition {
  const reference = new ParkingReference(population.seed);
  const accounts = new AmppAccounts(population, reference);
  const auth = new AmppAuth(population, serviceToken);
  const register = new PaymentsRegister();
  const topUps = new AmppTopUps(accounts);
  return {
    system: 'parking',
    routes: [
      ...topUpRoutes({ auth, topUps }),
      ...amppRoutes({ seed: population.seed, auth, reference, accounts }),
      ...cabinetRoutes({ population, auth }),
      ...finesRoutes({ population, serviceToken, register }),
    ],
    // What the payments register and AMPP were told of payments, for tests that count them against the bank's charges.
    adminRoutes: [{ method: 'GET', path: '/confirmations', handle: () => ({ json: { register: register.counts(), ampp: topUps.counts() } }) }],
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

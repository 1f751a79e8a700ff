import { citySignOnRoutes, type SimResponse, type SimulatorDefinition, type SimulatorDeps } from '../kit';
import { EPD_PAYMENT_PATH, epdPaymentRoutes } from './epd-payment-routes';
import { EpdPayments, HousingDataWithPayments } from './epd-payments';
import { EPD_FILE_PATH, EPD_PATH, EPD_PDF_PATH, epdRoutes } from './epd-routes';
import { FORM_API_PATH, formApiRoutes } from './form-api-routes';
import { metersRoutes } from './meters-routes';
import { PortalAuth, SESSION_COOKIE } from './portal-auth';
import { ReadingBook, type StoredReading } from './readings';

/**
 * The simulator with an in-process view of what it stored, for tests that must show a reading was
 * stored exactly once. Not an endpoint: the real portal has nothing like it.
 */
export interface HousingSimulatorDefinition extends SimulatorDefinition {
  /** Every reading taken and not withdrawn, in the order taken. */
  storedReadings(): StoredReading[];
}

/** The pages of the older www.mos.ru portal: they fail with an HTML error page, not JSON. */
const WWW_PATHS = [EPD_PATH, EPD_PDF_PATH, EPD_FILE_PATH, FORM_API_PATH, EPD_PAYMENT_PATH];

/**
 * Housing and utilities on one server, as clients of both portals reach them: ed.mos.ru's meters
 * API (cookie session from the sign-on code exchange) and the older www.mos.ru portal's form API
 * for water meters and its EPD calls, with the city's sign-on form they send a visitor to.
 * Readings given through either API are checked by the same rules, by the simulator clock's
 * Moscow date, and kept in memory.
 */
export function createHousingSimulator({ population, serviceToken }: SimulatorDeps): HousingSimulatorDefinition {
  // Every document the system gives counts the payments reported to it (ConfirmEpdPayment).
  const payments = new EpdPayments();
  const data = new HousingDataWithPayments(population, payments);
  const auth = new PortalAuth(population, serviceToken);
  const readings = new ReadingBook(data);
  return {
    system: 'housing',
    storedReadings: () => readings.stored(),
    routes: [
      ...metersRoutes({ population, data, auth, readings }),
      ...formApiRoutes({ data, auth, readings }),
      ...epdRoutes({ data, auth }),
      ...epdPaymentRoutes({ data, payments, auth }),
      ...citySignOnRoutes({ population, sessions: auth.sessions, cookieName: SESSION_COOKIE, landing: '/api/oauth20/v1/frontend/json/ru/process/enter' }),
    ],
    // What the payment service reported, for tests that count it against the bank's charges.
    adminRoutes: [{ method: 'GET', path: '/confirmations', handle: () => ({ json: { epd: payments.counts() } }) }],
    failure(status: number, endpoint: string): SimResponse {
      // The transient fault an adapter must not take for success: HTTP 200 with an error flag.
      if (status === 200) return { status: 200, json: { error: true, code: 'retry_later' } };
      if (WWW_PATHS.some((path) => endpoint.includes(path))) {
        return { status, contentType: 'text/html; charset=utf-8', text: `<html><body><h1>${status}</h1>Сервис временно недоступен</body></html>` };
      }
      return { status, json: { code: status, error: 'Сервис временно недоступен. Повторите попытку позже.' } };
    },
  };
}

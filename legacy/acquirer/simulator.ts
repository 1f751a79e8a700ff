import type { Route, SimResponse, SimulatorDefinition, SimulatorDeps } from '../kit';
import { acquirerAdminRoutes } from './admin-routes';
import { CallbackNotifier } from './callbacks';
import { MerchantAuth } from './merchant-auth';
import { OrderBook } from './orders';
import { paymentFormRoutes } from './payment-form';
import { restRoutes } from './rest-routes';

/** How often a running clock is checked for orders whose session ran out, when nobody calls. */
const SWEEP_INTERVAL_MS = 1_000;

export interface AcquirerOptions {
  /** The merchant's notification URL, as configured at the bank; also `POST /__admin/callbacks`. */
  callbackUrl?: string;
}

/**
 * The card acquirer: a bank's payment gateway in the shape of the common Russian acquiring REST
 * API (form-encoded POSTs under `/payment/rest/`, JSON answers with `errorCode`), its payment
 * form, and its notification callback to the merchant. Orders live in memory; an order whose
 * payer's session runs out (by the simulator clock) is declined with actionCode -2007, checked on
 * every call and once a second.
 */
export function createAcquirerSimulator({ clock, serviceToken }: SimulatorDeps, options: AcquirerOptions = {}): SimulatorDefinition {
  const callbacks = new CallbackNotifier(serviceToken, options.callbackUrl);
  const orders = new OrderBook((change) => callbacks.notify(change));
  const auth = new MerchantAuth(serviceToken);
  // Expiry by the clock: on every call (a pinned clock moved by a test is seen at once) and by timer
  // (a running clock expires orders nobody asks about, and their notifications go out).
  const sweeping = (route: Route): Route => ({
    ...route,
    handle(req) {
      orders.expireDue(req.now);
      return route.handle(req);
    },
  });
  const timer = setInterval(() => orders.expireDue(clock.now()), SWEEP_INTERVAL_MS);
  timer.unref();
  return {
    system: 'acquirer',
    routes: [...restRoutes({ orders, auth }), ...paymentFormRoutes({ orders })].map(sweeping),
    adminRoutes: acquirerAdminRoutes({ orders, callbacks }).map(sweeping),
    failure(status: number, endpoint: string): SimResponse {
      if (endpoint.startsWith('GET /payment/merchants/')) {
        return { status, contentType: 'text/html; charset=utf-8', text: '<html><body><h1>Сервис временно недоступен</h1></body></html>' };
      }
      // The gateway's own failure shape: with status 200 it is the in-body system error clients must not take for success.
      return { status, json: { errorCode: '7', errorMessage: 'Системная ошибка' } };
    },
    async close() {
      clearInterval(timer);
      await callbacks.close();
    },
  };
}

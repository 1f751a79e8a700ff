import { parsePlate } from '../../platform/identifiers';
import { moscowDate, moscowLocal, moscowParts, type Route } from '../kit';
import { type AmppAccounts, MAX_SESSION_MINUTES, MIN_SESSION_MINUTES, type StoredSession, sessionStatus } from './accounts';
import { type AmppAuth, amppError, withAmppRefusals } from './ampp-auth';
import { permitsForPlate } from './permits';
import type { ParkingReference } from './reference-data';

/** AMPP's permits call takes at most this many plates *(designed)*. */
export const MAX_PERMIT_PLATES = 50;
/** AMPP's session list pages at most this many sessions *(designed)*. */
export const MAX_SESSIONS_PAGE = 50;

/** A session in AMPP's shape: times on the Moscow wall clock with no offset, amounts in kopecks. */
function sessionPayload(session: StoredSession, now: Date): Record<string, unknown> {
  const status = sessionStatus(session, now);
  return {
    id: session.id,
    accountId: session.accountId,
    plate: session.plate,
    zone: session.zone.number,
    startTime: moscowLocal(session.start),
    endTime: moscowLocal(session.stoppedAt ?? session.end),
    cost: session.charged - session.refund,
    status,
  };
}

/**
 * The AMPP REST routes: parkings (public: the real portal answers occupancy to anyone), and the
 * account's balance, resident permits and sessions, for the account's own cabinet session or the
 * integration.
 */
export function amppRoutes(deps: { seed: string; auth: AmppAuth; reference: ParkingReference; accounts: AmppAccounts }): Route[] {
  const { reference, accounts, auth } = deps;
  const accountIdOf = (value: unknown): string => {
    if (typeof value !== 'string' || value.length === 0) throw amppError(400, 'BAD_REQUEST', 'accountId is required');
    return value;
  };

  return [
    {
      method: 'GET',
      path: '/api/3.0/parkings/:id',
      handle(req) {
        const id = req.params.id ?? '';
        const lot = /^\d{1,9}$/.test(id) ? reference.parking(Number(id)) : undefined;
        if (!lot) throw amppError(404, 'PARKING_NOT_FOUND', 'Парковка не найдена');
        const hour = moscowParts(req.now).hour;
        return {
          json: {
            parking: {
              id: lot.id,
              name: { ru: `Парковка ${lot.street}, ${lot.house}` },
              address: { street: { ru: lot.street }, house: { ru: lot.house } },
              // `tariff` is ours: the public payload names the zone only *(designed)*.
              zone: { number: lot.zone.number, tariff: { hourly: lot.zone.hourlyKopecks } },
              congestion: {
                spaces: {
                  overall: { total: lot.totalSpaces, free: reference.freeSpaces(lot, moscowDate(req.now), hour) },
                  // Spaces for disabled drivers, which public occupancy clients also read.
                  handicapped: { total: reference.handicappedSpaces(lot), free: reference.freeHandicapped(lot, moscowDate(req.now), hour) },
                },
              },
            },
          },
        };
      },
    },
    {
      method: 'PUT',
      path: '/api/2.40/accounts/getbalance',
      handle(req) {
        const caller = auth.caller(req);
        const accountId = accountIdOf(req.form().get('accountId') ?? undefined);
        auth.mayUseAccount(caller, accountId);
        return { json: { balance: withAmppRefusals(() => accounts.balance(accountId)) } };
      },
    },
    {
      // Designed batch: the plate parameter repeats, one per car, so a family's cars cost one call.
      method: 'GET',
      path: '/api/2.40/permits',
      handle(req) {
        const caller = auth.caller(req);
        const plates = req.query.getAll('plate');
        if (plates.length === 0) throw amppError(400, 'BAD_REQUEST', 'plate is required');
        if (plates.length > MAX_PERMIT_PLATES) throw amppError(400, 'BAD_REQUEST', `at most ${MAX_PERMIT_PLATES} plates per call`);
        // AMPP stores plates in Cyrillic and does not translate Latin look-alikes.
        if (plates.some((p) => parsePlate(p) !== p)) throw amppError(400, 'INVALID_PLATE', 'Неверный формат госномера');
        auth.mayAskPlates(caller, plates);
        const today = moscowDate(req.now);
        return { json: { permits: [...new Set(plates)].flatMap((plate) => permitsForPlate(deps.seed, reference, plate, today)) } };
      },
    },
    {
      method: 'POST',
      path: '/api/2.40/sessions',
      handle(req) {
        const caller = auth.caller(req);
        const body = req.json();
        if (typeof body !== 'object' || body === null) throw amppError(400, 'BAD_REQUEST', 'a JSON object is required');
        const input = body as Record<string, unknown>;
        const accountId = accountIdOf(input.accountId);
        auth.mayUseAccount(caller, accountId);
        const plate = typeof input.plate === 'string' ? input.plate : '';
        if (parsePlate(plate) !== plate) throw amppError(400, 'INVALID_PLATE', 'Неверный формат госномера');
        const zone = typeof input.zone === 'string' ? reference.zone(input.zone) : undefined;
        if (!zone) throw amppError(400, 'ZONE_NOT_FOUND', 'Парковочная зона не найдена');
        const minutes = input.minutes;
        if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < MIN_SESSION_MINUTES || minutes > MAX_SESSION_MINUTES) {
          throw amppError(400, 'INVALID_DURATION', `Продолжительность от ${MIN_SESSION_MINUTES} до ${MAX_SESSION_MINUTES} минут`);
        }
        const started = withAmppRefusals(() => accounts.start({ accountId, plate, zone, minutes }, req.now));
        return { status: 201, json: { session: sessionPayload(started.session, req.now), balance: started.balance } };
      },
    },
    {
      // The account is named in the query so one client cannot stop another account's session *(designed)*.
      method: 'DELETE',
      path: '/api/2.40/sessions/:id',
      handle(req) {
        const caller = auth.caller(req);
        const accountId = accountIdOf(req.query.get('accountId') ?? undefined);
        auth.mayUseAccount(caller, accountId);
        const stopped = withAmppRefusals(() => accounts.stop(accountId, req.params.id ?? '', req.now));
        return { json: { session: sessionPayload(stopped.session, req.now), refund: stopped.session.refund, balance: stopped.balance } };
      },
    },
    {
      method: 'GET',
      path: '/api/2.40/sessions',
      handle(req) {
        const caller = auth.caller(req);
        const accountId = accountIdOf(req.query.get('accountId') ?? undefined);
        auth.mayUseAccount(caller, accountId);
        const offset = Number(req.query.get('offset') ?? 0);
        const limit = Number(req.query.get('limit') ?? 20);
        if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > MAX_SESSIONS_PAGE) {
          throw amppError(400, 'BAD_REQUEST', `offset >= 0, limit 1..${MAX_SESSIONS_PAGE}`);
        }
        const all = withAmppRefusals(() => accounts.list(accountId, req.now));
        return { json: { sessions: all.slice(offset, offset + limit).map((s) => sessionPayload(s, req.now)), total: all.length } };
      },
    },
  ];
}

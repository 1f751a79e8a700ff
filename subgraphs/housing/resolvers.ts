import type { Home, MeterKind } from '../../adapters/housing';
import { graphqlError } from '../../platform/errors';
import { isLastDayOfMonth, monthsBetween, moscowDate, startOfMonth } from '../../platform/time';
import { DateScalar, DateTimeScalar, EARLIEST_DAY, finiteNumber, isCalendarDate, LATEST_DAY, money, opaqueKey, provenKeys } from '../kit';
import type { HomeBillsArgs, Resolvers, SubmitMeterReadingsInput } from './generated/resolvers-types';
import { canSubmitNow, isVerificationExpired, submitWindow } from './readings';

/** Bills: at most this many months in one range, and this many documents in one answer. */
export const MAX_BILL_MONTHS = 36;
/** Readings: at most this many in one page. */
export const MAX_READINGS_PAGE = 24;
/** Readings: at most this many in one submission. */
export const MAX_READINGS_PER_SUBMISSION = 10;
/** Submissions of a meter: at most this many in one answer. */
export const MAX_METER_SUBMISSIONS = 20;

const UNITS: Record<MeterKind, string> = { COLD_WATER: 'm³', HOT_WATER: 'm³', ELECTRICITY: 'kWh', HEAT: 'Gcal' };

const badInput = (field: string, message: string) => graphqlError('BAD_USER_INPUT', message, { field });

/** Cursors are opaque to clients; inside, the period of the last reading seen. */
const cursorOf = (period: string): string => Buffer.from(`p:${period}`).toString('base64url');
/**
 * Decoded strictly: only a cursor this field could have given out (the exact encoding of a real
 * period), so nothing a client makes up reaches the housing system as a period.
 */
function periodOfCursor(cursor: string): string {
  const text = cursor.length <= 24 ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const period = text.startsWith('p:') ? text.slice(2) : '';
  const real = isCalendarDate(period) && isLastDayOfMonth(period) && period >= EARLIEST_DAY && period <= LATEST_DAY;
  if (!real || cursorOf(period) !== cursor) throw badInput('after', 'The cursor is not one this field gave out.');
  return period;
}

function billRange(args: HomeBillsArgs, now: Date): { from: string; to: string; last: number } {
  const last = args.last ?? 12;
  if (!Number.isInteger(last) || last < 1 || last > MAX_BILL_MONTHS) throw badInput('last', `last is 1..${MAX_BILL_MONTHS}.`);
  const to = startOfMonth(args.to ?? moscowDate(now));
  // The current month is never billed yet and the last one may not be: ask one more than wanted.
  const from = args.from ? startOfMonth(args.from) : startOfMonth(to, last + 1);
  if (from > to) throw badInput('from', 'from is after to.');
  if (monthsBetween(from, to) >= MAX_BILL_MONTHS) throw badInput('from', `A range covers at most ${MAX_BILL_MONTHS} months.`);
  return { from, to, last };
}

/** The longest idempotency key and meter id taken. */
const MAX_KEY_LENGTH = 100;
const MAX_METER_ID_LENGTH = 32;

function validateKey(idempotencyKey: string): void {
  opaqueKey(idempotencyKey, 'idempotencyKey', MAX_KEY_LENGTH);
}

function validateSubmission(input: SubmitMeterReadingsInput, idempotencyKey: string): void {
  validateKey(idempotencyKey);
  if (!/^\d{10}$/.test(input.payerCode)) throw badInput('input.payerCode', 'A payer code is 10 digits.');
  if (input.readings.length < 1 || input.readings.length > MAX_READINGS_PER_SUBMISSION) {
    throw badInput('input.readings', `Give 1..${MAX_READINGS_PER_SUBMISSION} readings.`);
  }
  for (const reading of input.readings) {
    opaqueKey(reading.meterId, 'input.readings.meterId', MAX_METER_ID_LENGTH);
    finiteNumber(reading.value, 'input.readings.value');
  }
  const ids = input.readings.map((r) => r.meterId);
  if (new Set(ids).size !== ids.length) throw badInput('input.readings', 'One reading per meter.');
}

export const housingResolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: {
    // Keyed by the signed-in resident: another person's key reads nothing.
    meterReadingSubmission: async (_root, args, ctx) => {
      const personId = ctx.access.residentId();
      validateKey(args.idempotencyKey);
      return (await ctx.readings.outcome(personId, args.idempotencyKey)) ?? null;
    },
  },
  Resident: {
    __resolveReference: async (ref, ctx) => {
      await ctx.access.assertMayRead([ref.id]);
      return { id: ref.id, sealedHousingKeys: ref.sealedHousingKeys };
    },
    homes: async (resident, _args, ctx) => {
      await ctx.access.assertMayRead([resident.id]);
      // Only payer codes the registry sealed for this very person; never codes sent in plain.
      const { payerCodes } = provenKeys(ctx, 'housing', resident, 'homes');
      if (payerCodes.length === 0) return [];
      // The portal lists the person's own homes only; the registry's payer codes pick and order them.
      const byCode = new Map((await ctx.loaders.homes.load(resident.id)).map((home) => [home.payerCode, home]));
      const homes = payerCodes.map((code) => byCode.get(code)).filter((home): home is Home => home !== undefined);
      if (homes.length < payerCodes.length) ctx.logger.warn({ missing: payerCodes.length - homes.length }, 'housing lists fewer homes than the registry');
      return homes.map((home) => ({ personId: resident.id, home }));
    },
  },
  Home: {
    payerCode: ({ home }) => home.payerCode,
    address: ({ home }) => home.address,
    flat: ({ home }) => home.flat,
    registeredPersons: ({ home }) => home.registeredPersons,
    meters: async ({ personId, home }, _args, ctx) => (await ctx.loaders.meters.load({ personId, userPlaceId: home.userPlaceId })).map((meter) => ({ personId, meter })),
    bills: async ({ personId, home }, args, ctx) => {
      const range = billRange(args, ctx.now);
      const bills = await ctx.loaders.bills.load({ personId, payerCode: home.payerCode, flat: home.flat, from: range.from, to: range.to, unpaidOnly: false });
      return bills.slice(-range.last).reverse();
    },
    debt: async ({ personId, home }, _args, ctx) => {
      const to = startOfMonth(moscowDate(ctx.now));
      const unpaid = await ctx.loaders.bills.load({ personId, payerCode: home.payerCode, flat: home.flat, from: startOfMonth(to, MAX_BILL_MONTHS - 1), to, unpaidOnly: true });
      const owed = unpaid.filter((b) => b.status === 'NOT_PAID').reduce((sum, b) => sum + b.accrual + b.penalty - b.paid, 0);
      return money(Math.max(0, owed));
    },
  },
  Meter: {
    id: ({ meter }) => meter.id,
    kind: ({ meter }) => meter.kind,
    unit: ({ meter }) => UNITS[meter.kind],
    serialNumber: ({ meter }) => meter.serialNumber,
    verifiedUntil: ({ meter }) => meter.verifiedUntil,
    verificationExpired: ({ meter }, _args, ctx) => isVerificationExpired(meter, ctx.now),
    lastReading: ({ meter }) => meter.lastReading,
    canSubmitNow: ({ meter }, _args, ctx) => canSubmitNow(meter, ctx.now),
    submitWindow: ({ meter }, _args, ctx) => submitWindow(meter.kind, ctx.now),
    readings: async ({ personId, meter }, args, ctx) => {
      const first = args.first ?? 12;
      if (!Number.isInteger(first) || first < 1 || first > MAX_READINGS_PAGE) throw badInput('first', `first is 1..${MAX_READINGS_PAGE}.`);
      const before = args.after ? periodOfCursor(args.after) : undefined;
      const page = await ctx.loaders.readings.load({ personId, userPlaceId: meter.userPlaceId, meterId: meter.id, before, limit: first });
      const lastSeen = page.readings.at(-1);
      return { readings: page.readings, hasNextPage: page.hasMore, endCursor: page.hasMore && lastSeen ? cursorOf(lastSeen.period) : null };
    },
    // Only the signed-in resident's own submissions, even on a child's meter they may see.
    submissions: async ({ meter }, args, ctx) => {
      const first = args.first ?? 5;
      if (!Number.isInteger(first) || first < 1 || first > MAX_METER_SUBMISSIONS) throw badInput('first', `first is 1..${MAX_METER_SUBMISSIONS}.`);
      return ctx.loaders.submissions.load({ submitterId: ctx.access.residentId(), meterId: meter.id, limit: first });
    },
  },
  Bill: {
    amount: (bill) => money(bill.accrual),
    paid: (bill) => money(bill.paid),
    penalty: (bill) => money(bill.penalty),
    insurance: (bill) => money(bill.insurance),
    createdOn: (bill) => bill.createdOn,
  },
  Mutation: {
    submitMeterReadings: async (_root, args, ctx) => {
      const personId = ctx.access.residentId();
      validateSubmission(args.input, args.idempotencyKey);
      // Only a home the registry says is the resident's, before anything reaches the housing system.
      const owned = await ctx.loaders.payerCodes.load(personId);
      if (!owned.includes(args.input.payerCode)) throw graphqlError('FORBIDDEN', "This payer code is not one of the resident's homes.");
      const submitted = await ctx.readings.submit({ personId, idempotencyKey: args.idempotencyKey, input: args.input, now: ctx.now });
      // A delivered reading is the meter's new last reading: nothing later in this request may see the old one.
      for (const userPlaceId of submitted.changedHomes) ctx.loaders.meters.clear({ personId, userPlaceId });
      return submitted.outcome;
    },
  },
};

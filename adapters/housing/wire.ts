import { z } from 'zod';

/** The housing portal's payloads, exactly as it sends them (PascalCase and misspellings included). */

const Id = z.union([z.number().int(), z.string()]);

/**
 * A flat number: ed.mos.ru sends a JSON number in getInfo (`"flat": 218`) and a string in
 * listByPayerCode (`"flat": "218"`); a flat with a letter (`12А`) can only be a string.
 */
const Flat = z.union([z.string(), z.number().int().nonnegative()]);

/** The transient fault: HTTP 200 with an error flag instead of the payload. */
export const WireRetryLater = z.object({ error: z.literal(true), code: z.string().optional() });

/** A refusal: `400 {"code":400,"error":"…"}`, `404 {"code":"NOT_FOUND","error":"…"}`. */
export const WireRefusal = z.object({ code: z.union([z.number(), z.string()]), error: z.string().optional() });

/**
 * A home in getInfo's `data.addresses`. The public capture (shortened to the fields its client
 * reads) has no address line, so the adapter must not depend on one.
 */
export const WireAddress = z.object({
  userPlaceId: Id,
  fls: z.string(),
  flat: Flat.nullable().optional(),
  address: z.string().nullable().optional(),
  unom: z.number().optional(),
  /** *(designed)* persons registered in the flat. */
  registeredPersons: z.number().int().nullable().optional(),
});
export type WireAddress = z.infer<typeof WireAddress>;
/** getInfo. `data.user` (the resident's nickname) is sent too and deliberately not read: the graph has no use for it. */
export const WireInfoReply = z.object({ data: z.object({ addresses: z.array(WireAddress) }) });

/**
 * A reading. `indication` is a float on the wire (`483.0`); `source` is the channel's code
 * (`"22"`) on the portal, a label (`mos.ru`) in older answers.
 */
export const WireIndication = z.object({ period: z.string(), indication: z.number(), source: z.string().nullable().optional() });
export type WireIndication = z.infer<typeof WireIndication>;

export const WireCounter = z.object({
  counterId: Id,
  typeName: z.string(),
  num: z.string(),
  /** The verification day: `2032-07-16` on the portal, `2032-07-16T00:00:00` in older answers. */
  checkUpDate: z.string(),
  checkupStatus: z.string(),
  enableTransfer: z.boolean(),
  lastIndication: WireIndication.nullable().optional(),
});
export type WireCounter = z.infer<typeof WireCounter>;
/** listByPayerCode: one entry per home asked for, naming it by userPlaceId, payer code and flat. */
export const WireCountersReply = z.object({
  data: z.array(z.object({ userPlaceId: Id.optional(), fls: z.string().optional(), flat: Flat.nullable().optional(), activeCounters: z.array(WireCounter) })),
});

/** *(designed)* `GET /api/efp/counters/history/`. */
export const WireHistoryReply = z.object({ data: z.object({ indications: z.array(WireIndication), hasMore: z.boolean() }) });

export const WireResultReply = z.object({ data: z.object({ result: z.boolean() }) });

/** Amounts come as decimal rouble strings with trailing zeros dropped (`1234.5`), or as JSON numbers. */
const Amount = z.union([z.string(), z.number()]);
/**
 * One EPD. `PaymentAmount` is sometimes left out (public clients fall back to `AccrualAmount`
 * then); `CreateDate` is a wall-clock timestamp (`2026-11-03T04:17:52.381`) on the portal and
 * `DD.MM.YYYY` on older pages; `PaymentDate`, which clients look for, is not sent at all.
 */
export const WireEpd = z.object({
  Period: z.string(),
  CreateDate: z.string(),
  AccrualAmount: Amount,
  PaymentAmount: Amount.optional(),
  PenaltyAmount: Amount,
  InsuranceAmmount: Amount,
  PaymentStatus: z.string(),
  EpdType: z.string(),
  Uin: z.string(),
});
export type WireEpd = z.infer<typeof WireEpd>;
/** One EpdList entry per payer code asked; `PayerCode` names it in the *(designed)* batch form. */
export const WireEpdReply = z.object({ EpdList: z.array(z.object({ PayerCode: z.string().optional(), Epd: z.array(WireEpd) })) });

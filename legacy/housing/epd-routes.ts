import { createHash, randomUUID } from 'node:crypto';
import { moscowDate, type Route, SimHttpError, type SimRequest, startOfMonth } from '../kit';
import type { Person } from '../population';
import { epdPdf } from './epd-pdf';
import { listParam, ownHome, refuse } from './meters-routes';
import type { HousingData, SimBill, SimHome } from './model';
import { type PortalAuth, SESSION_COOKIE, signOnRedirect } from './portal-auth';

export const EPD_PATH = '/pgu/common/ajax/Guis062301/GetEpdData';
export const EPD_PDF_PATH = '/pgu/common/ajax/Guis062301/GetEpdPdf';
/** Where the document's file is served *(designed: the real portal hands out a report.mos.ru link of this form)*. */
export const EPD_FILE_PATH = '/epd/epd.pdf';

/** How far back GetEpdPdf looks for the document with the UIN asked for. */
const PDF_MONTHS_BACK = 60;
const MAX_FILES = 10_000;

/**
 * The older www.mos.ru portal's EPD calls: the documents of a payer code and flat over months, and
 * a document's PDF (a link first, the file behind it). Without a session the portal sends the
 * visitor to the sign-on form, as its pages do.
 */
export function epdRoutes(deps: { data: HousingData; auth: PortalAuth }): Route[] {
  const { data, auth } = deps;
  /** Files handed out by GetEpdPdf: an unguessable id per document and person, kept a while. */
  const files = new Map<string, { personId: number; payerCode: string; uin: string }>();

  const visitor = (req: SimRequest): Person => {
    const identified = auth.identify(req);
    if ('person' in identified) return identified.person;
    if (identified.refusal === 'bad-token') return refuse(401, 'Unauthorized');
    if (identified.refusal === 'no-person') return refuse(400, 'Не указан пользователь.');
    throw new SimHttpError(302, signOnRedirect(req));
  };

  return [
    {
      method: 'GET',
      path: EPD_PATH,
      handle(req) {
        const person = visitor(req);
        const today = moscowDate(req.now);
        // *(designed)* several payer codes in one call: payer_code=a,b&flat=x,y, one EpdList entry each.
        const payerCodes = listParam(req, 'payer_code');
        const flats = req.query.getAll('flat').flatMap((v) => v.split(','));
        if (flats.length !== payerCodes.length) refuse(400, 'Количество квартир не совпадает с количеством кодов плательщика.');
        const begin = req.query.get('beginperiod') ?? '';
        const end = req.query.get('endperiod') ?? '';
        if (!/^\d{4}-\d{2}-01$/.test(begin) || !/^\d{4}-\d{2}-01$/.test(end)) refuse(400, 'Период указывается в формате ГГГГ-ММ-01.');
        const notPaid = req.query.get('not_paid') === 'true';
        const EpdList = payerCodes.map((code, i) => {
          const home = ownHome(person, data.homeByPayerCode(code));
          if ((flats[i] ?? '').trim() !== home.flat) refuse(400, 'Номер квартиры не соответствует коду плательщика.');
          const bills = data.bills(home, begin, end, today).filter((b) => !notPaid || !b.paid);
          return { PayerCode: home.payerCode, Epd: bills.map(epdPayload) };
        });
        return { json: { EpdList } };
      },
    },
    {
      // The link to a document's PDF: `{"url": "…"}`, which the client then downloads.
      method: 'GET',
      path: EPD_PDF_PATH,
      handle(req) {
        const person = visitor(req);
        const home = ownHome(person, data.homeByPayerCode(req.query.get('payer_code') ?? ''));
        const uin = req.query.get('uin') ?? '';
        if (!findBill(data, home, uin, req.now)) throw new SimHttpError(404, { json: { code: 'NOT_FOUND', error: 'ЕПД не найден.' } });
        const guid = randomUUID();
        if (files.size >= MAX_FILES) {
          const oldest = files.keys().next().value;
          if (oldest !== undefined) files.delete(oldest);
        }
        files.set(guid, { personId: person.id, payerCode: home.payerCode, uin });
        return { json: { url: `http://${req.headers.host ?? '127.0.0.1'}${EPD_FILE_PATH}?file_guid=${guid}` } };
      },
    },
    {
      method: 'GET',
      path: EPD_FILE_PATH,
      handle(req) {
        const person = visitor(req);
        const file = files.get(req.query.get('file_guid') ?? '');
        const home = file && file.personId === person.id ? data.homeByPayerCode(file.payerCode) : undefined;
        const bill = home && file ? findBill(data, home, file.uin, req.now) : undefined;
        if (!home || !bill) throw new SimHttpError(404, { contentType: 'text/plain; charset=utf-8', text: 'Not found' });
        const amount = (k: number): string => `${Math.floor(k / 100)}.${String(k % 100).padStart(2, '0')} RUB`;
        return {
          contentType: 'application/pdf',
          headers: { 'content-disposition': `attachment; filename="EPD_${bill.period.slice(0, 7)}.pdf"` },
          text: epdPdf([
            `EPD ${bill.period.slice(0, 7)}`,
            `Payer code ${home.payerCode}`,
            `UIN ${bill.uin}`,
            `Accrued ${amount(bill.accrualKopecks)}`,
            `Penalty ${amount(bill.penaltyKopecks)}`,
            `Insurance ${amount(bill.insuranceKopecks)}`,
            `Status ${bill.paid ? 'PAID' : 'NOT_PAID'}`,
          ]),
        };
      },
    },
    {
      // The check public clients make after signing on: 200 with a session fingerprint when signed in.
      method: 'GET',
      path: '/api/oauth20/v1/frontend/json/ru/process/enter',
      handle(req) {
        visitor(req);
        const fingerprint = createHash('sha256')
          .update(req.cookie(SESSION_COOKIE) ?? '')
          .digest('hex')
          .slice(0, 32);
        return { headers: { 'x-session-fingerprint': fingerprint }, json: { result: true } };
      },
    },
  ];
}

function findBill(data: HousingData, home: SimHome, uin: string, now: Date): SimBill | undefined {
  if (!/^\d{20}$/.test(uin)) return undefined;
  const today = moscowDate(now);
  const month = startOfMonth(today);
  return data.bills(home, startOfMonth(month, PDF_MONTHS_BACK), month, today).find((b) => b.uin === uin);
}

/**
 * An EPD as the portal sends it: PascalCase, `InsuranceAmmount` misspelt, `CreateDate` a Moscow
 * wall-clock timestamp with milliseconds, no `PaymentDate`, and no `PaymentAmount` on a document
 * not paid yet (public clients fall back to `AccrualAmount` for it).
 */
function epdPayload(bill: SimBill) {
  return {
    Period: bill.period,
    CreateDate: `${bill.createDate}T${bill.createTime}`,
    AccrualAmount: roubles(bill.accrualKopecks),
    // Absent on a document nothing was paid towards yet; a part paid shows what was paid.
    ...(bill.paid || bill.paymentKopecks > 0 ? { PaymentAmount: roubles(bill.paymentKopecks) } : {}),
    PenaltyAmount: roubles(bill.penaltyKopecks),
    InsuranceAmmount: roubles(bill.insuranceKopecks),
    PaymentStatus: bill.paid ? 'PAID' : 'NOT_PAID',
    EpdType: 'REGULAR',
    Uin: bill.uin,
  };
}

/** Roubles as the portal prints them: a decimal string whose trailing zeros are dropped (`1234.5`, `1234`). */
export function roubles(kopecks: number): string {
  const whole = Math.floor(kopecks / 100);
  const cents = kopecks % 100;
  if (cents === 0) return String(whole);
  return cents % 10 === 0 ? `${whole}.${cents / 10}` : `${whole}.${String(cents).padStart(2, '0')}`;
}

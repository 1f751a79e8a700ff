import { XMLParser } from 'fast-xml-parser';
import { request } from 'undici';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, MALFORMED_KINDS, moscowDate } from '../../legacy/kit';
import { CHARGES_NS, type Charge, chargesForSts, createParkingSimulator, IMPORT_PAYMENT_ENDPOINT } from '../../legacy/parking';
import { Population } from '../../legacy/population';
import { confirmationsAt } from '../../test/support/payment-ledgers';
import { simulatorUnderTest } from '../../test/support/simulator-under-test';
import { PaymentsRegisterClient } from './client';
import type { FinePayment } from './port';

const NOW = new Date('2026-11-21T12:00:00+03:00');
const xml = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: true, isArray: (name) => name === 'Charge' });

/** The register, run by the parking simulator beside the fines service. */
describe('PaymentsRegisterClient against the parking simulator', () => {
  const population = new Population();
  const clock = new AdjustableClock(NOW);
  let register: PaymentsRegisterClient;
  let serial = 0;

  const used = new Set<string>();
  /** An unpaid fine of a car in the simulated city, each used by one test only. */
  const unpaidFine = (): { sts: string; charge: Charge } => {
    for (let id = 1000; id < 60_000; id++) {
      for (const vehicle of population.person(id)?.vehicles ?? []) {
        const charge = chargesForSts(population, vehicle.sts, NOW).find((c) => c.AcknowledgmentStatus === '3' && !used.has(c.SupplierBillID));
        if (charge) {
          used.add(charge.SupplierBillID);
          return { sts: vehicle.sts, charge };
        }
      }
    }
    throw new Error('no unpaid fine in the simulated city');
  };
  const payment = (charge: Charge): FinePayment => ({
    paymentId: `00000000-0000-4000-8000-${String(process.pid % 1_000_000).padStart(6, '0')}${String(++serial).padStart(6, '0')}`,
    uin: charge.SupplierBillID,
    amountKopecks: Number(charge.TotalAmount),
    paidAt: `${moscowDate(NOW)}T11:58:00+03:00`,
  });
  /** The charge's AcknowledgmentStatus as the fines service lists it now, read over SOAP as a client would. */
  const acknowledgment = async (fine: { sts: string; charge: Charge }): Promise<string | undefined> => {
    const body = `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><wsse:UsernameToken><wsse:Username>probe</wsse:Username><wsse:Password>${DEFAULT_SERVICE_TOKEN}</wsse:Password></wsse:UsernameToken></wsse:Security></soap:Header><soap:Body><chg:GetChargesRequest xmlns:chg="${CHARGES_NS}"><chg:VehicleCertificate>${fine.sts}</chg:VehicleCertificate></chg:GetChargesRequest></soap:Body></soap:Envelope>`;
    const res = await request(`${under.sim.url}/gisgmp/ws`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '"urn:GetCharges"' }, body });
    const doc = xml.parse(await res.body.text()) as { Envelope: { Body: { GetChargesResponse: { Charge: Array<Record<string, string>> } } } };
    return doc.Envelope.Body.GetChargesResponse.Charge.find((c) => c.SupplierBillID === fine.charge.SupplierBillID)?.AcknowledgmentStatus;
  };

  const under = simulatorUnderTest({
    system: 'payments-register',
    simulator: () => createParkingSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }),
    clock,
    at: NOW,
    transport: { timeoutMs: 1000 },
  });
  beforeAll(() => {
    register = new PaymentsRegisterClient({ transport: under.transport, serviceToken: DEFAULT_SERVICE_TOKEN });
  });

  it('acknowledges a paid fine, which the fines service then lists as paid', async () => {
    const fine = unpaidFine();
    expect(await register.acknowledgePayment(payment(fine.charge))).toBe('ACCEPTED');
    expect(await acknowledgment(fine)).toBe('1');
  });

  it('answers a redelivered confirmation ALREADY_ACCEPTED and the register counts it once', async () => {
    const fine = unpaidFine();
    const paid = payment(fine.charge);
    expect(await register.acknowledgePayment(paid)).toBe('ACCEPTED');
    expect(await register.acknowledgePayment(paid)).toBe('ALREADY_ACCEPTED');
    expect((await confirmationsAt(under.sim.url)).register?.byTarget[fine.charge.SupplierBillID]).toBe(1);
    await expect(register.acknowledgePayment({ ...paid, amountKopecks: paid.amountKopecks + 1 })).rejects.toMatchObject({
      code: 'PAYMENT_CONFIRMATION_CONFLICT',
      system: 'payments-register',
    });
  });

  it('sends a confirmation once when the register fails, and it is taken when redelivered after', async () => {
    const fine = unpaidFine();
    const paid = payment(fine.charge);
    under.sim.faults.set({ endpoint: IMPORT_PAYMENT_ENDPOINT, errorRate: 1, status: 500 });
    await expect(register.acknowledgePayment(paid)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE', system: 'payments-register' });
    expect(under.sim.stats.snapshot().endpoints[IMPORT_PAYMENT_ENDPOINT]).toBe(1);
    under.sim.faults.set({ endpoint: IMPORT_PAYMENT_ENDPOINT, down: true });
    await expect(register.acknowledgePayment(paid)).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
    under.sim.faults.clear();
    expect(await register.acknowledgePayment(paid)).toBe('ACCEPTED');
    expect((await confirmationsAt(under.sim.url)).register?.byTarget[fine.charge.SupplierBillID]).toBe(1);
  });

  it('reads a soap:Fault inside HTTP 200 as the register failing, never as an acknowledgment', async () => {
    under.sim.faults.set({ endpoint: IMPORT_PAYMENT_ENDPOINT, errorRate: 1, status: 200 });
    await expect(register.acknowledgePayment(payment(unpaidFine().charge))).rejects.toMatchObject({ code: 'LEGACY_UNAVAILABLE' });
  });

  it.each(MALFORMED_KINDS)('turns %s garbage into LEGACY_BAD_RESPONSE', async (malformed) => {
    under.sim.faults.set({ endpoint: IMPORT_PAYMENT_ENDPOINT, malformed });
    await expect(register.acknowledgePayment(payment(unpaidFine().charge))).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'payments-register' });
  });

  it('reports a refused service token as LEGACY_BAD_RESPONSE', async () => {
    const wrong = new PaymentsRegisterClient({ transport: under.transport, serviceToken: 'guess' });
    await expect(wrong.acknowledgePayment(payment(unpaidFine().charge))).rejects.toMatchObject({ code: 'LEGACY_BAD_RESPONSE', message: expect.stringContaining('token') });
  });

  it('refuses a payment the register could not take before calling it', async () => {
    const paid = payment(unpaidFine().charge);
    for (const bad of [{ uin: '18810177000000000001' }, { amountKopecks: 0 }, { paymentId: 'has space' }, { paidAt: '2026-11-21T11:58:00' }]) {
      await expect(register.acknowledgePayment({ ...paid, ...bad })).rejects.toBeInstanceOf(RangeError);
    }
    expect(under.sim.stats.snapshot().total).toBe(0);
  });
});

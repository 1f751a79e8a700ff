import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWire } from '../transport';
import { toParking, toPermit, toSession } from './ampp-mapper';
import { WireParkingReply, type WirePermit, WirePermitsReply, type WireSession, WireSessionsReply, WireStopReply } from './ampp-wire';
import { toFine, toFinesByCertificate } from './fines-mapper';
import { type WireCharge, WireChargesEnvelope } from './fines-wire';
import parkingFixture from './fixtures/ampp-parking.json';
import publicParkingFixture from './fixtures/ampp-parking-public.json';
import permitsFixture from './fixtures/ampp-permits.json';
import stoppedFixture from './fixtures/ampp-session-stopped.json';
import sessionsFixture from './fixtures/ampp-sessions.json';
import { readSoapDocument, soapFaultOf } from './soap-envelope';

const xml = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const ENDPOINT = 'POST /gisgmp/ws GetCharges';
const chargesDoc = (text: string) => parseWire(WireChargesEnvelope, readSoapDocument(text, ENDPOINT), 'fines', ENDPOINT);

/** Runs `fn` and returns what it threw. */
function thrown(fn: () => unknown): Error & { code?: string; system?: string } {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('AMPP mapper (recorded JSON)', () => {
  it('maps a parking with its zone tariff and address', () => {
    const wire = WireParkingReply.parse(parkingFixture).parking;
    expect(toParking('1234', wire, 'GET')).toEqual({
      id: '1234',
      name: wire.name.ru,
      address: `${wire.address!.street.ru}, ${wire.address!.house!.ru}`,
      zone: { number: wire.zone.number, hourlyTariffKopecks: wire.zone.tariff!.hourly },
      spaces: wire.congestion.spaces.overall,
    });
  });

  it('maps a parking as the public portal sends it: no tariff, handicapped spaces besides the overall ones', () => {
    const wire = parseWire(WireParkingReply, publicParkingFixture, 'parking', 'GET').parking;
    expect(toParking('2107', wire, 'GET')).toEqual({
      id: '2107',
      name: 'Парковка ул. Петровка, 19',
      address: 'ул. Петровка, 19',
      zone: { number: '0103', hourlyTariffKopecks: null },
      spaces: { total: 48, free: 7 },
    });
  });

  it('maps permits, keeping expired ones with their status', () => {
    const permits = WirePermitsReply.parse(permitsFixture).permits.map((p) => toPermit(p, 'GET'));
    expect(permits.map((p) => p.status).sort()).toEqual(['ACTIVE', 'EXPIRED']);
    expect(permits[0]).toMatchObject({ validUntil: permitsFixture.permits[0]!.validTo, zone: permitsFixture.permits[0]!.zone });
  });

  it('reads session times as Moscow time and gives them the offset', () => {
    const stopped = WireStopReply.parse(stoppedFixture);
    expect(toSession(stopped.session, 'DELETE')).toMatchObject({
      startTime: `${stopped.session.startTime}+03:00`,
      endTime: `${stopped.session.endTime}+03:00`,
      costKopecks: stopped.session.cost,
      status: 'STOPPED',
    });
    const listed = WireSessionsReply.parse(sessionsFixture).sessions.map((s) => toSession(s, 'GET'));
    expect(listed[0]?.status).toBe('ACTIVE');
    expect(listed.slice(1).every((s) => s.status === 'FINISHED')).toBe(true);
  });

  it.each([
    ['a session time on another calendar', { startTime: '2026-02-30T12:00:00' }, 'startTime'],
    ['a plate typed in Latin', { plate: 'A123BC77' }, 'plate'],
    ['a fractional cost', { cost: 10.5 }, 'cost'],
    ['an unknown status', { status: 'paused' }, 'status'],
  ])('refuses %s as LEGACY_BAD_RESPONSE without quoting it', (_name, patch, field) => {
    const session = { ...WireStopReply.parse(stoppedFixture).session, ...patch } as WireSession;
    const error = thrown(() => toSession(session, 'DELETE /api/2.40/sessions/:id'));
    expect(error).toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'parking' });
    expect(error.message).toContain(field);
    expect(error.message).not.toContain(String(Object.values(patch)[0]));
  });

  it('refuses a permit that ends before it starts', () => {
    const permit = { ...permitsFixture.permits[0]!, validTo: '2000-01-01' } as WirePermit;
    expect(thrown(() => toPermit(permit, 'GET'))).toMatchObject({ code: 'LEGACY_BAD_RESPONSE' });
  });
});

describe('fines mapper (recorded XML)', () => {
  const envelope = chargesDoc(xml('fines-charges.xml'));
  const charges = (envelope.Envelope.Body.GetChargesResponse as { Charge: WireCharge[] }).Charge;
  const certificates = [...new Set(charges.map((c) => c.VehicleCertificate))];

  it('maps every charge to its certificate, newest first, amounts in kopecks', () => {
    const fines = toFinesByCertificate(envelope, [...certificates, '9900000000'], ENDPOINT);
    expect(fines.get('9900000000')).toEqual([]);
    expect([...fines.values()].flat()).toHaveLength(charges.length);
    for (const list of fines.values()) {
      const times = list.map((f) => Date.parse(f.issuedAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
    const first = charges[0]!;
    expect(fines.get(first.VehicleCertificate)?.find((f) => f.uin === first.SupplierBillID)).toEqual({
      uin: first.SupplierBillID,
      sts: first.VehicleCertificate,
      issuedAt: first.BillDate.replace('.000', ''),
      amountKopecks: Number(first.TotalAmount),
      article: first.Purpose,
      status: 'UNPAID',
      discount: { percent: 50, until: first.DiscountExpiry, amountKopecks: Number(first.TotalAmount) / 2 },
    });
    expect([...fines.values()].flat().some((f) => f.status === 'PAID')).toBe(true);
  });

  it('reads a response with no charges as no fines', () => {
    expect(toFinesByCertificate(chargesDoc(xml('fines-empty.xml')), ['0400001441'], ENDPOINT).get('0400001441')).toEqual([]);
  });

  it('finds the fault in a fault envelope, whatever status it came with', () => {
    expect(soapFaultOf(readSoapDocument(xml('fines-fault-in-body.xml'), ENDPOINT))).toEqual({ faultcode: 'soap:Server', faultstring: expect.any(String) });
    expect(soapFaultOf(readSoapDocument(xml('fines-fault-client.xml'), ENDPOINT))?.faultcode).toBe('soap:Client');
    expect(soapFaultOf(readSoapDocument(xml('fines-charges.xml'), ENDPOINT))).toBeUndefined();
  });

  it('normalises a UTC BillDate to Moscow time', () => {
    expect(toFine({ ...charges[0]!, BillDate: '2026-10-01T07:12:00Z' }, ENDPOINT).issuedAt).toBe('2026-10-01T10:12:00+03:00');
  });

  it.each([
    ['a UIN failing its check digit', (c: WireCharge) => ({ ...c, SupplierBillID: c.SupplierBillID.slice(0, 19) + String((Number(c.SupplierBillID[19]) + 1) % 10) }), 'SupplierBillID'],
    ['an acknowledgment status it does not know', (c: WireCharge) => ({ ...c, AcknowledgmentStatus: '7' }), 'AcknowledgmentStatus'],
    ['an amount in roubles with a decimal point', (c: WireCharge) => ({ ...c, TotalAmount: '500.00' }), 'TotalAmount'],
    ['a bill date without an offset', (c: WireCharge) => ({ ...c, BillDate: '2026-10-01T10:12:00' }), 'BillDate'],
    ['a discount without its expiry', (c: WireCharge) => ({ ...c, DiscountExpiry: undefined }), 'Discount'],
  ])('refuses %s as LEGACY_BAD_RESPONSE without quoting it', (_name, patch, field) => {
    const broken = patch(charges[0]!);
    const error = thrown(() => toFine(broken, ENDPOINT));
    expect(error).toMatchObject({ code: 'LEGACY_BAD_RESPONSE', system: 'fines' });
    expect(error.message).toContain(field);
    expect(error.message).not.toContain(broken.SupplierBillID);
  });

  it('refuses an answer that lists a certificate nobody asked about', () => {
    expect(thrown(() => toFinesByCertificate(envelope, certificates.slice(1), ENDPOINT))).toMatchObject({ code: 'LEGACY_BAD_RESPONSE' });
  });

  it('refuses half a document and a document of another shape', () => {
    const text = xml('fines-charges.xml');
    expect(thrown(() => readSoapDocument(text.slice(0, text.length / 2), ENDPOINT))).toMatchObject({ code: 'LEGACY_BAD_RESPONSE' });
    expect(thrown(() => chargesDoc('<?xml version="1.0"?><unexpected><thing>1</thing></unexpected>'))).toMatchObject({ code: 'LEGACY_BAD_RESPONSE' });
  });
});

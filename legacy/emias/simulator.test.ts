import { request } from 'undici';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, startSimulator, type RunningSimulator } from '../kit';
import { Population, type Person } from '../population';
import { createEmiasSimulator } from './simulator';

interface RpcReply {
  jsonrpc: string;
  id: string | null;
  result?: unknown;
  error?: { code: number; message: string; data: { code: string } };
}
interface Doctor {
  id: number;
  arSpecialityId: number;
  complexResource: { id: number; room: { number: string } }[];
}
interface Schedule {
  scheduleOfDay: { date: string; scheduleBySlot: { slot: { startTime: string; endTime: string }[] }[] }[];
}
interface Reception {
  id: number;
  startTime: string;
  toDoctor: { specialityId: number; specialityName: string };
  nameLpu: string;
}

const RPC = '/api/emc/appointment-eip/v1/';
const auth = { 'x-access-jwt': DEFAULT_SERVICE_TOKEN, 'content-type': 'application/json' };

describe('EMIAS simulator', () => {
  const population = new Population();
  // A Saturday: the first reception day is Monday the 23rd.
  const clock = new AdjustableClock(new Date('2026-11-21T12:00:00+03:00'));
  const patient = population.findAdult((p) => p.sex === 'female');
  const patientParams = (p: Person = patient) => ({ omsNumber: p.omsNumber, birthDate: p.birthDate });
  let sim: RunningSimulator;

  const rpc = async (method: string, params: Record<string, unknown>, headers: Record<string, string> = auth) => {
    const res = await request(`${sim.url}${RPC}?${method}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ jsonrpc: '2.0', id: 'req-1', method, params }),
    });
    return { status: res.statusCode, body: (await res.body.json()) as RpcReply };
  };
  const result = async <T>(method: string, params: Record<string, unknown>): Promise<T> => {
    const { status, body } = await rpc(method, params);
    expect(status).toBe(200);
    expect(body.error).toBeUndefined();
    return body.result as T;
  };
  const firstFreeSlot = async (specialityId: number) => {
    const [doctor] = await result<Doctor[]>('getDoctorsInfo', { ...patientParams(), specialityId });
    const complex = doctor!.complexResource[0]!;
    const ids = { availableResourceId: doctor!.id, complexResourceId: complex.id, specialityId };
    const schedule = await result<Schedule>('getAvailableResourceScheduleInfo', { ...patientParams(), ...ids });
    const slot = schedule.scheduleOfDay[0]!.scheduleBySlot[0]!.slot[0]!;
    return { ids, slot, schedule };
  };

  beforeAll(async () => {
    sim = await startSimulator(createEmiasSimulator({ population, clock, serviceToken: DEFAULT_SERVICE_TOKEN }), { clock });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.faults.clear();
    sim.stats.reset();
  });

  it('lists specialities in the JSON-RPC envelope and counts each method on its own', async () => {
    const { status, body } = await rpc('getSpecialitiesInfo', patientParams());
    expect(status).toBe(200);
    expect(body).toMatchObject({ jsonrpc: '2.0', id: 'req-1' });
    const list = body.result as { code: number; name: string; male: boolean; female: boolean; therapeutic: boolean }[];
    expect(list).toContainEqual({ code: 2, name: 'Терапевт', male: true, female: true, therapeutic: true });
    await rpc('getDoctorsInfo', { ...patientParams(), specialityId: 2 });
    expect(sim.stats.snapshot().endpoints).toEqual({ [`POST ${RPC}?getSpecialitiesInfo`]: 1, [`POST ${RPC}?getDoctorsInfo`]: 1 });
  });

  it('answers 401 without the service token, on both APIs', async () => {
    expect((await request(`${sim.url}${RPC}?getSpecialitiesInfo`, { method: 'POST', body: '{}' })).statusCode).toBe(401);
    expect((await request(`${sim.url}/api/1/documents/inspections?ehrId=${patient.omsNumber}`)).statusCode).toBe(401);
  });

  it('refuses a patient whose birth date does not match, in HTTP 200', async () => {
    const { status, body } = await rpc('getAppointmentReceptionsByPatient', { omsNumber: patient.omsNumber, birthDate: '1900-01-01' });
    expect(status).toBe(200);
    expect(body.result).toBeUndefined();
    expect(body.error).toMatchObject({ code: 602, data: { code: 'PATIENT_NOT_FOUND' } });
    const forged = await rpc('getSpecialitiesInfo', { omsNumber: '7700000000000000', birthDate: patient.birthDate });
    expect(forged.body.error?.data.code).toBe('PATIENT_NOT_FOUND');
  });

  it('serves the doctors of the patient\'s district with the same answer every time', async () => {
    const a = await result<Doctor[]>('getDoctorsInfo', { ...patientParams(), specialityId: 11 });
    const b = await result<Doctor[]>('getDoctorsInfo', { ...patientParams(), specialityId: 11 });
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThanOrEqual(2);
    expect(a[0]).toMatchObject({ arSpecialityId: 11, arSpecialityName: 'Хирург', mainDoctor: { lastName: expect.any(String) } });
    expect(a[0]!.complexResource[0]!.room).toMatchObject({ number: expect.any(String), lpuShortName: expect.any(String), defaultAddress: expect.any(String) });
  });

  it('offers weekday slots of the next fortnight from the pinned clock, every 20 minutes with +03:00', async () => {
    const { schedule } = await firstFreeSlot(2);
    const dates = schedule.scheduleOfDay.map((d) => d.date);
    expect(dates[0]).toBe('2026-11-23');
    expect(dates.every((d) => d >= '2026-11-23' && d <= '2026-12-04')).toBe(true);
    expect(dates).not.toContain('2026-11-28');
    const slots = schedule.scheduleOfDay.flatMap((d) => d.scheduleBySlot.flatMap((s) => s.slot));
    for (const s of slots) {
      expect(s.startTime).toMatch(/^2026-1[12]-\d{2}T(0[89]|1\d):[024]0:00\+03:00$/);
      expect(Date.parse(s.endTime) - Date.parse(s.startTime)).toBe(20 * 60_000);
    }
    // A deterministic share is already taken by others: fewer than the 36 a day the grid has.
    expect(slots.length).toBeLessThan(dates.length * 36);
    expect(slots.length).toBeGreaterThan(dates.length * 10);
  });

  it('books a free slot, lists it, refuses the same slot again, and cancels', async () => {
    const { ids, slot } = await firstFreeSlot(12);
    const booked = await result<Reception>('createAppointment', { ...patientParams(), ...ids, ...slot });
    expect(booked).toMatchObject({ startTime: slot.startTime, toDoctor: { specialityId: 12, specialityName: 'Офтальмолог' } });
    const list = await result<Reception[]>('getAppointmentReceptionsByPatient', patientParams());
    expect(list.map((a) => a.id)).toContain(booked.id);

    const again = await rpc('createAppointment', { ...patientParams(), ...ids, ...slot });
    expect(again.status).toBe(200);
    expect(again.body.error).toMatchObject({ code: 701, data: { code: 'SLOT_BUSY' } });
    const schedule = await result<Schedule>('getAvailableResourceScheduleInfo', { ...patientParams(), ...ids });
    expect(schedule.scheduleOfDay.flatMap((d) => d.scheduleBySlot.flatMap((s) => s.slot)).map((s) => s.startTime)).not.toContain(slot.startTime);

    await result('cancelAppointment', { ...patientParams(), appointmentId: booked.id });
    const after = await result<Reception[]>('getAppointmentReceptionsByPatient', patientParams());
    expect(after.map((a) => a.id)).not.toContain(booked.id);
    const twice = await rpc('cancelAppointment', { ...patientParams(), appointmentId: booked.id });
    expect(twice.body.error?.data.code).toBe('APPOINTMENT_NOT_FOUND');
  });

  it('refuses a past slot, and a speciality that needs a referral the patient lacks', async () => {
    const { ids } = await firstFreeSlot(2);
    const past = await rpc('createAppointment', { ...patientParams(), ...ids, startTime: '2026-11-20T10:00:00+03:00', endTime: '2026-11-20T10:20:00+03:00' });
    expect(past.body.error?.data.code).toBe('SLOT_UNAVAILABLE');

    const referred = new Set((await result<{ toDoctor: { specialityId: number } }[]>('getReferralsInfo', patientParams())).map((r) => r.toDoctor.specialityId));
    const lacking = [21, 22, 23, 24].find((code) => !referred.has(code))!;
    const { ids: cardio, slot } = await firstFreeSlot(lacking);
    const refused = await rpc('createAppointment', { ...patientParams(), ...cardio, ...slot });
    expect(refused.body.error).toMatchObject({ code: 703, data: { code: 'SPECIALITY_NOT_AVAILABLE' } });
  });

  it('gives each patient up to two future appointments and up to two 12-digit referrals', async () => {
    for (let id = 3000; id < 3020; id++) {
      const p = population.person(id)!;
      const list = await result<Reception[]>('getAppointmentReceptionsByPatient', patientParams(p));
      expect(list.length).toBeLessThanOrEqual(2);
      for (const a of list) expect(Date.parse(a.startTime)).toBeGreaterThan(clock.now().getTime());
      const referrals = await result<{ id: string; endTime: string }[]>('getReferralsInfo', patientParams(p));
      expect(referrals.length).toBeLessThanOrEqual(2);
      for (const r of referrals) expect(r.id).toMatch(/^[1-9]\d{11}$/);
    }
  });

  it('fails its own way: "Read timed out" in HTTP 200, or a plain-text 5xx', async () => {
    sim.faults.set({ endpoint: `POST ${RPC}?getReferralsInfo`, errorRate: 1, status: 200 });
    const timedOut = await rpc('getReferralsInfo', patientParams());
    expect(timedOut.status).toBe(200);
    expect(timedOut.body.error).toMatchObject({ message: 'Read timed out', data: { code: 'TIMEOUT' } });
    expect((await rpc('getSpecialitiesInfo', patientParams())).body.error).toBeUndefined();
    sim.faults.clear();
    sim.faults.set({ errorRate: 1, status: 503 });
    const res = await request(`${sim.url}${RPC}?getSpecialitiesInfo`, { method: 'POST', headers: auth, body: '{}' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    await res.body.text();
  });

  it('serves the medical card by ehrId, and 404 for an unknown one', async () => {
    const res = await request(`${sim.url}/api/1/documents/inspections?ehrId=${patient.omsNumber}`, { headers: auth });
    expect(res.statusCode).toBe(200);
    const { documents } = (await res.body.json()) as { documents: { documentId: string; title: string; date: string; doctorName: string; organisation: string }[] };
    expect(documents.length).toBeGreaterThanOrEqual(2);
    const first = documents[0]!;
    expect(first.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(first.date < '2026-11-21').toBe(true);
    expect(documents.map((d) => d.date)).toEqual([...documents.map((d) => d.date)].sort().reverse());

    const doc = await request(`${sim.url}/api/2/document?ehrId=${patient.omsNumber}&documentId=${first.documentId}`, { headers: auth });
    expect(await doc.body.json()).toMatchObject({ title: first.title, date: first.date, documentHtml: expect.stringContaining('<html>') });

    const unknown = await request(`${sim.url}/api/1/documents/inspections?ehrId=7700000000000000`, { headers: auth });
    expect(unknown.statusCode).toBe(404);
    await unknown.body.text();
    const badKind = await request(`${sim.url}/api/1/documents/x-rays?ehrId=${patient.omsNumber}`, { headers: auth });
    expect(badKind.statusCode).toBe(404);
    await badKind.body.text();
  });
});

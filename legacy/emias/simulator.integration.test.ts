import { request } from 'undici';
import { AdjustableClock, DEFAULT_SERVICE_TOKEN, type RunningSimulator, startSimulator } from '../kit';
import { type Person, Population } from '../population';
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
  type: string;
  startTime: string;
  toDoctor: { specialityId: number; specialityName: string; receptionTypeId: number };
  nameLpu: string;
  lpuAddress: string;
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
    const list = body.result as Record<string, unknown>[];
    // The fields the public clients read, `code` a string as they read it.
    expect(list).toContainEqual({
      code: '2',
      name: 'Терапевт',
      male: true,
      female: true,
      areaType: [{ code: '1', name: 'Терапевтический' }],
      therapeutic: true,
      isMultipleLpuSpeciality: false,
      isComplaintSpeciality: false,
    });
    expect(list.find((s) => s.code === '15')).toMatchObject({ male: false, female: true, isMultipleLpuSpeciality: true });
    await rpc('getDoctorsInfo', { ...patientParams(), specialityId: 2 });
    expect(sim.stats.snapshot().endpoints).toEqual({ [`POST ${RPC}?getSpecialitiesInfo`]: 1, [`POST ${RPC}?getDoctorsInfo`]: 1 });
  });

  it('answers 401 without a session or the service token, on both APIs', async () => {
    expect((await request(`${sim.url}${RPC}?getSpecialitiesInfo`, { method: 'POST', body: '{}' })).statusCode).toBe(401);
    expect((await request(`${sim.url}/api/1/documents/inspections?ehrId=${patient.omsNumber}`)).statusCode).toBe(401);
    const forged = await request(`${sim.url}${RPC}?getSpecialitiesInfo`, { method: 'POST', headers: { cookie: 'jwt=eyJhbGciOiJIUzI1NiJ9.e30.x' }, body: '{}' });
    expect(forged.statusCode).toBe(401);
    await forged.body.text();
  });

  describe('signing in as emias.info does it', () => {
    /** The page's CSRF token, as pyemias reads it from the meta tag. */
    const csrfToken = async (): Promise<string> => {
      const page = await request(`${sim.url}/`);
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      const html = await page.body.text();
      expect(html).toContain('<meta name="csrf-token-name" content="csrftoken">');
      return /<meta name="csrf-token-value" content="([^"]+)">/.exec(html)![1]!;
    };
    const createJwt = (headers: Record<string, string>) =>
      request(`${sim.url}/api/passport/v2/?create_anonymous_jwt`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ id: 'nano-1', jsonrpc: '2.0', method: 'create_anonymous_jwt' }),
      });
    const withSession = (carrier: Record<string, string>) => rpc('getSpecialitiesInfo', patientParams(), { 'content-type': 'application/json', ...carrier });

    it('gives a JWT for the CSRF token of the start page, in the result and a jwt cookie, that opens the appointment API', async () => {
      const csrf = await csrfToken();
      const created = await createJwt({ 'csrf-token-name': 'csrftoken', 'csrf-token-value': csrf });
      expect(created.statusCode).toBe(200);
      const { result } = (await created.body.json()) as { result: string };
      expect(result.split('.')).toHaveLength(3);
      expect(String(created.headers['set-cookie'])).toMatch(new RegExp(`^jwt=${result.replace(/[.]/g, '\\.')}; Path=/; Max-Age=604800`));

      const byCookie = await withSession({ cookie: `jwt=${result}` });
      expect(byCookie.status).toBe(200);
      expect(byCookie.body.error).toBeUndefined();
      // The older pyemias puts the token in a `jwt` header; that is accepted too.
      expect((await withSession({ jwt: result })).status).toBe(200);
      expect(sim.stats.snapshot().endpoints).toMatchObject({ 'GET /': 1, 'POST /api/passport/v2/?create_anonymous_jwt': 1, [`POST ${RPC}?getSpecialitiesInfo`]: 2 });
    });

    it("refuses a JWT without the page's CSRF token, or with a forged one", async () => {
      for (const headers of [
        {} as Record<string, string>,
        { 'csrf-token-name': 'csrftoken', 'csrf-token-value': 'forged' },
        { 'csrf-token-name': 'other', 'csrf-token-value': await csrfToken() },
      ]) {
        const refused = await createJwt(headers);
        expect(refused.statusCode).toBe(403);
        expect(await refused.body.json()).toMatchObject({ error: { code: 403 } });
      }
    });

    it("lets the JWT expire after seven days of the simulator's clock", async () => {
      const created = await createJwt({ 'csrf-token-name': 'csrftoken', 'csrf-token-value': await csrfToken() });
      const { result } = (await created.body.json()) as { result: string };
      const signedAt = clock.now();
      try {
        clock.set(new Date(signedAt.getTime() + 7 * 86_400_000 - 60_000));
        expect((await withSession({ cookie: `jwt=${result}` })).status).toBe(200);
        clock.set(new Date(signedAt.getTime() + 7 * 86_400_000 + 60_000));
        const expired = await request(`${sim.url}${RPC}?getSpecialitiesInfo`, { method: 'POST', headers: { cookie: `jwt=${result}` }, body: '{}' });
        expect(expired.statusCode).toBe(401);
        await expired.body.text();
      } finally {
        clock.set(signedAt);
      }
    });
  });

  it('refuses a patient whose birth date does not match, in HTTP 200', async () => {
    const { status, body } = await rpc('getAppointmentReceptionsByPatient', { omsNumber: patient.omsNumber, birthDate: '1900-01-01' });
    expect(status).toBe(200);
    expect(body.result).toBeUndefined();
    expect(body.error).toMatchObject({ code: 602, data: { code: 'PATIENT_NOT_FOUND' } });
    const forged = await rpc('getSpecialitiesInfo', { omsNumber: '7700000000000000', birthDate: patient.birthDate });
    expect(forged.body.error?.data.code).toBe('PATIENT_NOT_FOUND');
  });

  it("serves the doctors of the patient's district with the same answer every time", async () => {
    const a = await result<Doctor[]>('getDoctorsInfo', { ...patientParams(), specialityId: 11 });
    const b = await result<Doctor[]>('getDoctorsInfo', { ...patientParams(), specialityId: 11 });
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThanOrEqual(2);
    expect(a[0]).toMatchObject({ arSpecialityId: 11, arSpecialityName: 'Хирург', mainDoctor: { lastName: expect.any(String) } });
    expect(a[0]!.complexResource[0]!.room).toMatchObject({ number: expect.any(String), lpuShortName: expect.any(String), defaultAddress: expect.any(String) });
  });

  it('gives each doctor every field the public clients read, with their types', async () => {
    const [doctor] = await result<Record<string, unknown>[]>('getDoctorsInfo', { ...patientParams(), specialityId: '2' });
    expect(doctor).toMatchObject({
      id: expect.any(Number),
      lpuId: expect.any(Number),
      arType: expect.any(Number),
      specialityChangeAbility: true,
      arSpecialityId: 2,
      mainDoctor: { specialityName: 'Терапевт', specialityId: 2, mejiId: expect.any(Number), employeeId: expect.any(Number), firstName: expect.any(String), lastName: expect.any(String) },
      receptionType: [{ code: '1002', name: expect.any(String), primary: 'true', home: 'false' }],
      ldpType: [],
      samplingType: [],
      district: true,
      availableByReferral: false,
    });
    const room = (doctor!.complexResource as Array<{ room: Record<string, unknown> }>)[0]!.room;
    expect(room).toMatchObject({ lpuId: doctor!.lpuId, addressPointId: expect.any(Number), availabilityDate: '2026-12-04T00:00:00+03:00' });
  });

  it('books by the visit type, without a speciality, as the public clients do', async () => {
    const [doctor] = await result<Doctor[]>('getDoctorsInfo', { ...patientParams(), specialityId: 11 });
    const ids = { availableResourceId: doctor!.id, complexResourceId: doctor!.complexResource[0]!.id };
    const schedule = await result<Schedule>('getAvailableResourceScheduleInfo', { ...patientParams(), ...ids, receptionTypeId: 1011 });
    const slot = schedule.scheduleOfDay[0]!.scheduleBySlot[0]!.slot[1]!;
    const booked = await result<Reception>('createAppointment', { ...patientParams(), ...ids, receptionTypeId: 1011, ...slot });
    expect(booked).toMatchObject({ type: 'RECEPTION', startTime: slot.startTime, toDoctor: { specialityId: 11, receptionTypeId: 1011 } });
    // Moving it names the appointment; the doctors and schedule for the move are found by it too.
    const others = await result<Doctor[]>('getDoctorsInfo', { ...patientParams(), appointmentId: booked.id });
    expect(others.map((d) => d.id)).toContain(doctor!.id);
    await result('cancelAppointment', { ...patientParams(), appointmentId: booked.id });
  });

  it('answers the methods pyemias names that the graph does not use', async () => {
    const info = await result<{ attachments: { attachment: Array<{ lpu: { name: string; address: string }; status: string; createDate: string; typeAttach: number }> } }>('getPatientInfo3', {
      ...patientParams(),
      typeAttach: [0, 1, 2],
      onlyMoscowPolicy: false,
    });
    // The patient is a woman: the women's consultation is among her attachments.
    expect(info.attachments.attachment.map((a) => a.typeAttach)).toEqual([0, 1, 2]);
    for (const a of info.attachments.attachment) {
      expect(a.lpu.name).toMatch(/^ГБУЗ/);
      expect(a.lpu.address).toMatch(/^г\. Москва/);
      expect(a.createDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(a.status).toBe('ATTACHED');
    }
    expect((await rpc('getPatientInfo3', { ...patientParams(), typeAttach: 'all' })).body.error?.data.code).toBe('INVALID_PARAMS');

    expect(Array.isArray(await result('getAssignmentsInfo', patientParams()))).toBe(true);
    const clinics = await result<Array<{ id: number; name: string }>>('getLpuListForSpeciality', { ...patientParams(), specialityId: 15 });
    expect(clinics).toHaveLength(3);
    expect(await result<unknown[]>('getLpuListForSpeciality', { ...patientParams(), specialityId: 2 })).toHaveLength(1);
    const prescriptions = await result<Array<{ number: string; status: string }>>('digitalPrescription', patientParams());
    for (const p of prescriptions) expect(['active', 'expired']).toContain(p.status);
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

  it('gives each patient up to two future appointments, and referrals with a 12-digit number, to doctors or to procedures', async () => {
    type WireReferral = { id: number; number: string; type: string; startTime: string; endTime: string; toDoctor?: { receptionTypeId: number }; toLdp?: { ldpTypeName: string } };
    const kinds = new Set<string>();
    for (let id = 3000; id < 3020; id++) {
      const p = population.person(id)!;
      const list = await result<Reception[]>('getAppointmentReceptionsByPatient', patientParams(p));
      expect(list.length).toBeLessThanOrEqual(2);
      for (const a of list) {
        expect(Date.parse(a.startTime)).toBeGreaterThan(clock.now().getTime());
        expect(a).toMatchObject({ type: 'RECEPTION', toDoctor: { receptionTypeId: expect.any(Number) }, lpuAddress: expect.any(String) });
      }
      const referrals = await result<WireReferral[]>('getReferralsInfo', patientParams(p));
      expect(referrals.length).toBeLessThanOrEqual(3);
      for (const r of referrals) {
        kinds.add(r.type);
        expect(r.number).toMatch(/^[1-9]\d{11}$/);
        expect(Number.isSafeInteger(r.id)).toBe(true);
        expect(Date.parse(r.startTime)).toBeLessThan(Date.parse(r.endTime));
        if (r.type === 'REF_TO_DOCTOR') expect(r.toDoctor?.receptionTypeId).toEqual(expect.any(Number));
        else expect(r).toMatchObject({ type: 'REF_TO_LDP', toLdp: { ldpTypeName: expect.any(String) } });
        if (r.type === 'REF_TO_LDP') expect(r.toDoctor).toBeUndefined();
      }
    }
    expect(kinds).toEqual(new Set(['REF_TO_DOCTOR', 'REF_TO_LDP']));
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

  const card = async <T>(path: string): Promise<T> => {
    const res = await request(`${sim.url}${path}`, { headers: auth });
    expect(res.statusCode).toBe(200);
    return (await res.body.json()) as T;
  };

  it('gives each kind of card document the fields the public clients read for it', async () => {
    type Docs = { documents: Array<Record<string, string>> };
    const q = `?ehrId=${patient.omsNumber}&shortDateFilter=all_time`;
    const [inspection] = (await card<Docs>(`/api/1/documents/inspections${q}`)).documents;
    expect(inspection).toMatchObject({ doctorSpecialization: expect.any(String), appointmentDate: inspection!.date });
    for (const doc of (await card<Docs>(`/api/1/documents/research${q}`)).documents) expect(doc.muName).toBe(doc.organisation);
    for (const doc of (await card<Docs>(`/api/1/documents/epicrisis${q}`)).documents) expect(doc.dischargeDate).toBe(`${doc.date}+03:00`);
    // COVID-19 tests: none to two per person; some of the first people have one.
    const covid = await Promise.all(
      Array.from({ length: 10 }, (_, i) => card<Docs>(`/api/1/documents/covid-analyzes?ehrId=${population.person(3000 + i)!.omsNumber}&shortDateFilter=all_time`)),
    );
    const tests = covid.flatMap((c) => c.documents);
    expect(tests.length).toBeGreaterThan(0);
    for (const doc of tests) expect(doc.title).toMatch(/SARS-CoV-2/);
    const content = await card<{ title: string }>(
      `/api/2/document?ehrId=${population.person(3000 + covid.findIndex((c) => c.documents.length > 0))!.omsNumber}&documentId=${tests[0]!.documentId}`,
    );
    expect(content.title).toBe(tests[0]!.title);
  });

  it('lists vaccinations and tuberculin tests, and prescriptions, on the card', async () => {
    type Vaccinations = {
      doneList: Array<{ infectionList: Array<{ infectionName: string }>; dateVaccination: string; age: string }>;
      tubList: Array<{ infectionList: Array<{ infectionName: string }>; dateVaccination: string; tubResultList: Array<{ reactionKind: string }>; age: string }>;
    };
    const child = population.person(population.findAdult((p) => p.childIds.length > 0).childIds[0]!)!;
    const { doneList, tubList } = await card<Vaccinations>(`/api/3/vaccinations?ehrId=${child.omsNumber}`);
    expect(doneList.length).toBeGreaterThan(0);
    for (const v of [...doneList, ...tubList]) {
      expect(v.infectionList[0]!.infectionName).toEqual(expect.any(String));
      expect(v.dateVaccination >= child.birthDate && v.dateVaccination <= '2026-11-21').toBe(true);
      expect(v.age).toMatch(/^\d+ (год|года|лет)$/);
    }
    for (const t of tubList) expect(t.tubResultList[0]!.reactionKind).toEqual(expect.any(String));

    const people = Array.from({ length: 10 }, (_, i) => population.person(3000 + i)!);
    const receipts = (await Promise.all(people.map((p) => card<{ receipts: Array<Record<string, string>> }>(`/api/2/receipt?ehrId=${p.omsNumber}&shortDateFilter=all_time`)))).flatMap(
      (r) => r.receipts,
    );
    expect(receipts.length).toBeGreaterThan(0);
    for (const r of receipts) {
      expect(r).toMatchObject({ medicineName: expect.any(String), prescriptionNumber: expect.any(String) });
      expect(r.prescriptionStatus).toBe(Date.parse(r.expirationDate!) > clock.now().getTime() ? 'active' : 'expired');
    }
  });
});

import { randomUUID } from 'node:crypto';
import { demoResidents, type Person } from '../../legacy/population';
import type { AuditTrail, StoredAuditEvent } from '../../platform/audit';
import { codes, gql } from './support/http';
import { type SecureSystem, startSecureSystem } from './support/secure-system';

/**
 * The audit trail through the started system: the exact rows a staff read and a resident's
 * medical read write, and how staff with audit:read and residents read them back. The subgraphs
 * and this test share the process's embedded store (there is no DATABASE_URL here).
 */
describe('the audit trail', () => {
  let secure: SecureSystem;
  let trail: AuditTrail;
  let url: string;
  let patient: Person;
  let family: Person;
  let child: Person;
  // The gateway keeps a client's request id only when it is a UUID: each read gets one, by label.
  const requestIds = new Map<string, string>();
  const rid = (label: string): string => requestIds.get(label) ?? requestIds.set(label, randomUUID()).get(label)!;
  const DOCTOR = 'polyclinic-12:doctor-7';
  const PURPOSE = 'appointment 2026-11-21';
  const rowsOf = async (requestId: string): Promise<Array<Omit<StoredAuditEvent, 'id'>>> =>
    (await trail.query({ limit: 100 }))
      .filter((e) => e.requestId === requestId)
      .map(({ id: _id, ...rest }) => rest)
      .sort((a, b) => a.subgraph.localeCompare(b.subgraph) || a.subjectId.localeCompare(b.subjectId));

  beforeAll(async () => {
    secure = await startSecureSystem();
    trail = secure.system.audit;
    url = secure.system.gateway.graphqlUrl;
    const demos = demoResidents(secure.system.population);
    patient = demos.find((d) => d.key === 'pensioner')!.person;
    family = demos.find((d) => d.key === 'family')!.person;
    child = secure.system.population.person(family.childIds[0]!)!;
  });
  afterAll(async () => {
    await trail.close();
    await secure.close();
  });

  it('records a staff read in every subgraph that served it: who, whose, which fields, purpose, when, request id', async () => {
    const token = await secure.system.signOn.issueStaff(DOCTOR, ['health:read'], PURPOSE);
    const started = Date.now();
    const reply = await gql(url, `{ resident(id: "${patient.id}") { id birthDate appointments { id } medicalCard { documents(first: 2) { id title } } } }`, {
      token,
      headers: { 'x-request-id': rid('audit-staff-read-1') },
    });
    expect(codes(reply)).toEqual([]);
    const rows = await rowsOf(rid('audit-staff-read-1'));
    const common = { actorKind: 'staff', actorId: DOCTOR, purpose: PURPOSE, subjectId: String(patient.id), requestId: rid('audit-staff-read-1'), outcome: 'served' };
    expect(rows).toEqual([
      { ...common, subgraph: 'health', fields: ['appointments', 'medicalCard.documents'], occurredAt: expect.any(Date) },
      // The EMIAS keys left the registry, sealed for health, on this staff member's behalf: recorded too.
      { ...common, subgraph: 'residents', fields: ['birthDate', 'sealedHealthKeys'], occurredAt: expect.any(Date) },
    ]);
    for (const row of rows) expect(row.occurredAt.getTime()).toBeGreaterThanOrEqual(started - 1000);
  });

  it('records a staff read that touched no field beyond the id', async () => {
    const token = await secure.system.signOn.issueStaff('registry:clerk-3', ['residents:read'], 'address check');
    await gql(url, `{ resident(id: "${patient.id}") { id } }`, { token, headers: { 'x-request-id': rid('audit-staff-id-only') } });
    expect(await rowsOf(rid('audit-staff-id-only'))).toEqual([
      {
        actorKind: 'staff',
        actorId: 'registry:clerk-3',
        purpose: 'address check',
        subjectId: String(patient.id),
        subgraph: 'residents',
        fields: [],
        requestId: rid('audit-staff-id-only'),
        occurredAt: expect.any(Date),
        outcome: 'served',
      },
    ]);
  });

  it("records every medical read by residents too, their own and their children's, and nothing else of theirs", async () => {
    const token = await secure.system.tokenFor(family.id);
    const reply = await gql(url, `{ me { id fullName appointments { id } children { id fullName referrals { id } } homes { payerCode } } }`, {
      token,
      headers: { 'x-request-id': rid('audit-resident-read-1') },
    });
    expect(codes(reply)).toEqual([]);
    const common = {
      actorKind: 'resident',
      actorId: String(family.id),
      purpose: null,
      subgraph: 'health',
      requestId: rid('audit-resident-read-1'),
      occurredAt: expect.any(Date),
      outcome: 'served',
    };
    const childRows = family.childIds.map((id) => ({ ...common, subjectId: String(id), fields: ['referrals'] }));
    expect(await rowsOf(rid('audit-resident-read-1'))).toEqual(
      [{ ...common, subjectId: String(family.id), fields: ['appointments'] }, ...childRows].sort((a, b) => a.subjectId.localeCompare(b.subjectId)),
    );
  });

  it("shows a resident who else read their medical data, and a parent who read their child's", async () => {
    const doctor = await secure.system.signOn.issueStaff('polyclinic-3:nurse-1', ['health:read'], 'vaccination record');
    await gql(url, `{ resident(id: "${child.id}") { id medicalCard { documents(first: 1) { id } } } }`, { token: doctor });
    const parentToken = await secure.system.tokenFor(family.id);
    await gql(url, `{ resident(id: "${child.id}") { id appointments { id } } }`, { token: parentToken });

    // The parent, as the child's representative, reads the child's log: the nurse and the parent's own read.
    const reply = await gql(url, `{ resident(id: "${child.id}") { medicalAccessLog(first: 10) { readerKind readerId purpose fields occurredAt } } }`, { token: parentToken });
    expect(codes(reply)).toEqual([]);
    const log = (reply.json!.data!.resident as { medicalAccessLog: Array<Record<string, unknown>> }).medicalAccessLog;
    expect(log[0]).toMatchObject({ readerKind: 'RESIDENT', readerId: String(family.id), purpose: null, fields: ['appointments'] });
    expect(log).toContainEqual(expect.objectContaining({ readerKind: 'STAFF', readerId: 'polyclinic-3:nurse-1', purpose: 'vaccination record', fields: ['medicalCard.documents'] }));
    for (const entry of log) expect(entry.occurredAt).toMatch(/\+03:00$/);

    // The parent's own dashboard reads are not "someone else": their own log leaves them out.
    const own = await gql(url, '{ me { medicalAccessLog { readerId } } }', { token: parentToken });
    expect((own.json!.data!.me as { medicalAccessLog: Array<{ readerId: string }> }).medicalAccessLog.map((e) => e.readerId)).not.toContain(String(family.id));

    // Staff cannot read the log through the resident's field.
    const staffLog = await gql(url, `{ resident(id: "${child.id}") { medicalAccessLog { readerId } } }`, { token: doctor });
    expect(codes(staffLog)).toContain('FORBIDDEN');
  });

  describe('records what was read, not what the reader called it', () => {
    let token: string;
    let documentId: string;
    const healthRow = async (requestId: string) => (await rowsOf(requestId)).filter((r) => r.subgraph === 'health');

    beforeAll(async () => {
      token = await secure.system.tokenFor(patient.id);
      const list = await gql(url, '{ me { medicalCard { documents(first: 1) { id } } } }', { token });
      documentId = (list.json!.data!.me as { medicalCard: { documents: Array<{ id: string }> } }).medicalCard.documents[0]!.id;
    });

    it('an aliased full-document read is recorded as the document it is, with its id', async () => {
      const reply = await gql(url, `{ me { medicalCard { documents: document(id: "${documentId}") { id html } } } }`, { token, headers: { 'x-request-id': rid('audit-alias-document') } });
      expect(codes(reply)).toEqual([]);
      expect((await healthRow(rid('audit-alias-document'))).map((r) => r.fields)).toEqual([[`medicalCard.document(id: ${documentId})`]]);
    });

    it("aliases on the resident's own fields are recorded by the fields' names", async () => {
      const reply = await gql(url, '{ me { card: medicalCard { list: documents(first: 1) { id } } visits: appointments { id } fullName: referrals { id } } }', {
        token,
        headers: { 'x-request-id': rid('audit-alias-fields') },
      });
      expect(codes(reply)).toEqual([]);
      expect((await healthRow(rid('audit-alias-fields'))).map((r) => r.fields)).toEqual([['appointments', 'medicalCard.documents', 'referrals']]);
    });

    it('two documents read in one request under made-up names are two entries', async () => {
      const reply = await gql(url, `{ me { medicalCard { a: document(id: "${documentId}") { title } b: document(id: "1") { title } list: documents(first: 1) { id } } } }`, {
        token,
        headers: { 'x-request-id': rid('audit-two-documents') },
      });
      expect(codes(reply)).toEqual([]);
      // The card has no document 1: null, and still a read of the card (the answer says so).
      expect((await healthRow(rid('audit-two-documents'))).map((r) => r.fields)).toEqual([
        ['medicalCard.document(id: 1)', `medicalCard.document(id: ${documentId})`, 'medicalCard.documents'].sort(),
      ]);
    });
  });

  it("shows the person a staff member whose subject equals the person's id: the own reads are left out by kind and id together", async () => {
    const namesake = await secure.system.signOn.issueStaff(String(patient.id), ['health:read'], 'second opinion');
    expect(codes(await gql(url, `{ resident(id: "${patient.id}") { id referrals { id } } }`, { token: namesake }))).toEqual([]);
    const own = await secure.system.tokenFor(patient.id);
    await gql(url, '{ me { referrals { id } } }', { token: own });
    const log = await gql(url, '{ me { medicalAccessLog(first: 20) { readerKind readerId purpose fields } } }', { token: own });
    expect(codes(log)).toEqual([]);
    const entries = (log.json!.data!.me as { medicalAccessLog: Array<Record<string, unknown>> }).medicalAccessLog;
    expect(entries).toContainEqual({ readerKind: 'STAFF', readerId: String(patient.id), purpose: 'second opinion', fields: ['referrals'] });
    expect(entries.filter((e) => e.readerKind === 'RESIDENT' && e.readerId === String(patient.id))).toEqual([]);
  });

  it('writes a row for every medical field a resident reads, root fields and mutations included', async () => {
    const reader = demoResidents(secure.system.population).find((d) => d.key === 'newcomer')!.person;
    const token = await secure.system.tokenFor(reader.id);
    const subject = String(reader.id);
    const list = await gql(url, '{ me { medicalCard { documents(first: 1) { id } } } }', { token });
    const documentId = (list.json!.data!.me as { medicalCard: { documents: Array<{ id: string }> } }).medicalCard.documents[0]!.id;
    const slots = await gql(url, '{ availableSlots(specialityId: "2", first: 1) { specialityId doctor { id } complexResourceId startTime endTime } }', {
      token,
      headers: { 'x-request-id': rid('audit-field-availableSlots') },
    });
    const slot = (slots.json!.data as { availableSlots: Array<{ specialityId: string; doctor: { id: string }; complexResourceId: string; startTime: string; endTime: string }> })
      .availableSlots[0]!;
    const booked = await gql(url, 'mutation($i: BookAppointmentInput!) { bookAppointment(input: $i) { appointment { id } } }', {
      token,
      variables: { i: { specialityId: slot.specialityId, doctorId: slot.doctor.id, complexResourceId: slot.complexResourceId, startTime: slot.startTime, endTime: slot.endTime } },
      headers: { 'x-request-id': rid('audit-field-bookAppointment') },
    });
    expect(codes(booked)).toEqual([]);
    const appointmentId = (booked.json!.data as { bookAppointment: { appointment: { id: string } } }).bookAppointment.appointment.id;
    const reads: Array<[string, string]> = [
      ['specialities', '{ specialities { id name } }'],
      ['appointments', '{ me { appointments { id startTime } } }'],
      ['referrals', '{ me { referrals { id } } }'],
      ['medicalCard.documents', '{ me { medicalCard { documents { id title } } } }'],
      [`medicalCard.document(id: ${documentId})`, `{ me { medicalCard { document(id: "${documentId}") { html } } } }`],
      ['cancelAppointment', `mutation { cancelAppointment(appointmentId: "${appointmentId}") { cancelled } }`],
    ];
    const fields = ['availableSlots', 'bookAppointment', ...reads.map(([f]) => f)];
    // One request id per field, by its place.
    const requestIdOf = (field: string) => rid(field === 'availableSlots' || field === 'bookAppointment' ? `audit-field-${field}` : `audit-field-read-${fields.indexOf(field)}`);
    for (const [field, query] of reads) expect(codes(await gql(url, query, { token, headers: { 'x-request-id': requestIdOf(field) } }))).toEqual([]);
    for (const field of fields) {
      expect([field, (await rowsOf(requestIdOf(field))).filter((r) => r.subgraph === 'health').map((r) => [r.actorKind, r.actorId, r.subjectId, r.fields, r.outcome])]).toEqual([
        field,
        [['resident', subject, subject, [field], 'served']],
      ]);
    }
  });

  it('lets staff with audit:read query the trail, and no one else', async () => {
    const doctor = await secure.system.signOn.issueStaff(DOCTOR, ['health:read'], PURPOSE);
    await gql(url, `{ resident(id: "${patient.id}") { id appointments { id } } }`, { token: doctor, headers: { 'x-request-id': rid('audit-for-auditor') } });
    const auditor = await secure.system.signOn.issueStaff('dpo:auditor-1', ['audit:read'], 'quarterly review');
    const reply = await gql(
      url,
      `{ auditTrail(subjectId: "${patient.id}", actorId: "${DOCTOR}", first: 5) { id actorKind actorId purpose subjectId subgraph fields requestId occurredAt } }`,
      { token: auditor },
    );
    expect(codes(reply)).toEqual([]);
    const events = (reply.json!.data as { auditTrail: Array<Record<string, unknown>> }).auditTrail;
    const fromThatRead = events.filter((e) => e.requestId === rid('audit-for-auditor')).map((e) => [e.subgraph, e.fields]);
    expect(fromThatRead).toHaveLength(2);
    expect(fromThatRead).toEqual(
      expect.arrayContaining([
        ['health', ['appointments']],
        ['residents', ['sealedHealthKeys']],
      ]),
    );
    expect(events.every((e) => e.actorKind === 'STAFF' && e.actorId === DOCTOR && e.subjectId === String(patient.id))).toBe(true);

    // Paging goes back in time.
    const next = await gql(url, `{ auditTrail(subjectId: "${patient.id}", first: 1, after: "${String(events[0]!.id)}") { id } }`, { token: auditor });
    expect(Number((next.json!.data as { auditTrail: Array<{ id: string }> }).auditTrail[0]!.id)).toBeLessThan(Number(events[0]!.id));

    expect(codes(await gql(url, '{ auditTrail { id } }', { token: doctor }))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(url, '{ auditTrail { id } }'))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await gql(url, '{ auditTrail(first: 101) { id } }', { token: auditor }))).toEqual(['BAD_USER_INPUT']);
  });
});

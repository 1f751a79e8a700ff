import { randomUUID } from 'node:crypto';
import { openAuditTrail, type AuditTrail, type StoredAuditEvent } from '../../platform/audit';
import { demoResidents, type Person } from '../../legacy/population';
import { codes, gql } from './support/http';
import { startSecureSystem, type SecureSystem } from './support/secure-system';

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
  // The gateway keeps a client's request id only when it is a UUID; each read below has its own.
  const REQUEST = { staffRead: randomUUID(), staffIdOnly: randomUUID(), residentRead: randomUUID(), forAuditor: randomUUID() };
  const DOCTOR = 'polyclinic-12:doctor-7';
  const PURPOSE = 'appointment 2026-11-21';
  const rowsOf = async (requestId: string): Promise<Array<Omit<StoredAuditEvent, 'id'>>> =>
    (await trail.query({ limit: 100 }))
      .filter((e) => e.requestId === requestId)
      .map(({ id: _id, ...rest }) => rest)
      .sort((a, b) => a.subgraph.localeCompare(b.subgraph) || a.subjectId.localeCompare(b.subjectId));

  beforeAll(async () => {
    secure = await startSecureSystem();
    trail = openAuditTrail();
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
      headers: { 'x-request-id': REQUEST.staffRead },
    });
    expect(codes(reply)).toEqual([]);
    const rows = await rowsOf(REQUEST.staffRead);
    const common = { actorKind: 'staff', actorId: DOCTOR, purpose: PURPOSE, subjectId: String(patient.id), requestId: REQUEST.staffRead };
    expect(rows).toEqual([
      { ...common, subgraph: 'health', fields: ['appointments', 'medicalCard.documents'], occurredAt: expect.any(Date) },
      // The OMS number left the registry for EMIAS on this staff member's behalf: it is recorded too.
      { ...common, subgraph: 'residents', fields: ['birthDate', 'omsNumber'], occurredAt: expect.any(Date) },
    ]);
    for (const row of rows) expect(row.occurredAt.getTime()).toBeGreaterThanOrEqual(started - 1000);
  });

  it('records a staff read that touched no field beyond the id', async () => {
    const token = await secure.system.signOn.issueStaff('registry:clerk-3', ['residents:read'], 'address check');
    await gql(url, `{ resident(id: "${patient.id}") { id } }`, { token, headers: { 'x-request-id': REQUEST.staffIdOnly } });
    expect(await rowsOf(REQUEST.staffIdOnly)).toEqual([
      { actorKind: 'staff', actorId: 'registry:clerk-3', purpose: 'address check', subjectId: String(patient.id), subgraph: 'residents', fields: [], requestId: REQUEST.staffIdOnly, occurredAt: expect.any(Date) },
    ]);
  });

  it('records every medical read by residents too, their own and their children\'s, and nothing else of theirs', async () => {
    const token = await secure.system.tokenFor(family.id);
    const reply = await gql(url, `{ me { id fullName appointments { id } children { id fullName referrals { id } } homes { payerCode } } }`, {
      token,
      headers: { 'x-request-id': REQUEST.residentRead },
    });
    expect(codes(reply)).toEqual([]);
    const common = { actorKind: 'resident', actorId: String(family.id), purpose: null, subgraph: 'health', requestId: REQUEST.residentRead, occurredAt: expect.any(Date) };
    const childRows = family.childIds.map((id) => ({ ...common, subjectId: String(id), fields: ['referrals'] }));
    expect(await rowsOf(REQUEST.residentRead)).toEqual([{ ...common, subjectId: String(family.id), fields: ['appointments'] }, ...childRows].sort((a, b) => a.subjectId.localeCompare(b.subjectId)));
  });

  it('shows a resident who else read their medical data, and a parent who read their child\'s', async () => {
    const doctor = await secure.system.signOn.issueStaff('polyclinic-3:nurse-1', ['health:read'], 'vaccination record');
    await gql(url, `{ resident(id: "${child.id}") { id medicalCard { documents(first: 1) { id } } } }`, { token: doctor });
    const parentToken = await secure.system.tokenFor(family.id);
    await gql(url, `{ resident(id: "${child.id}") { id appointments { id } } }`, { token: parentToken });

    // The parent, as the child's representative, reads the child's log: the nurse and the parent's own read.
    const reply = await gql(url, `{ resident(id: "${child.id}") { medicalAccessLog(first: 10) { readerKind readerId purpose fields occurredAt } } }`, { token: parentToken });
    expect(codes(reply)).toEqual([]);
    const log = (reply.json?.data?.resident as { medicalAccessLog: Array<Record<string, unknown>> }).medicalAccessLog;
    expect(log[0]).toMatchObject({ readerKind: 'RESIDENT', readerId: String(family.id), purpose: null, fields: ['appointments'] });
    expect(log).toContainEqual(expect.objectContaining({ readerKind: 'STAFF', readerId: 'polyclinic-3:nurse-1', purpose: 'vaccination record', fields: ['medicalCard.documents'] }));
    for (const entry of log) expect(entry.occurredAt).toMatch(/\+03:00$/);

    // The parent's own dashboard reads are not "someone else": their own log leaves them out.
    const own = await gql(url, '{ me { medicalAccessLog { readerId } } }', { token: parentToken });
    expect((own.json?.data?.me as { medicalAccessLog: Array<{ readerId: string }> }).medicalAccessLog.map((e) => e.readerId)).not.toContain(String(family.id));

    // Staff cannot read the log through the resident's field.
    const staffLog = await gql(url, `{ resident(id: "${child.id}") { medicalAccessLog { readerId } } }`, { token: doctor });
    expect(codes(staffLog)).toContain('FORBIDDEN');
  });

  it('lets staff with audit:read query the trail, and no one else', async () => {
    const doctor = await secure.system.signOn.issueStaff(DOCTOR, ['health:read'], PURPOSE);
    await gql(url, `{ resident(id: "${patient.id}") { id appointments { id } } }`, { token: doctor, headers: { 'x-request-id': REQUEST.forAuditor } });
    const auditor = await secure.system.signOn.issueStaff('dpo:auditor-1', ['audit:read'], 'quarterly review');
    const reply = await gql(url, `{ auditTrail(subjectId: "${patient.id}", actorId: "${DOCTOR}", first: 5) { id actorKind actorId purpose subjectId subgraph fields requestId occurredAt } }`, { token: auditor });
    expect(codes(reply)).toEqual([]);
    const events = (reply.json?.data as { auditTrail: Array<Record<string, unknown>> }).auditTrail;
    const fromThatRead = events.filter((e) => e.requestId === REQUEST.forAuditor).map((e) => [e.subgraph, e.fields]);
    expect(fromThatRead).toHaveLength(2);
    expect(fromThatRead).toEqual(expect.arrayContaining([['health', ['appointments']], ['residents', ['birthDate', 'omsNumber']]]));
    expect(events.every((e) => e.actorKind === 'STAFF' && e.actorId === DOCTOR && e.subjectId === String(patient.id))).toBe(true);

    // Paging goes back in time.
    const next = await gql(url, `{ auditTrail(subjectId: "${patient.id}", first: 1, after: "${String(events[0]!.id)}") { id } }`, { token: auditor });
    expect(Number((next.json?.data as { auditTrail: Array<{ id: string }> }).auditTrail[0]!.id)).toBeLessThan(Number(events[0]!.id));

    expect(codes(await gql(url, '{ auditTrail { id } }', { token: doctor }))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(url, '{ auditTrail { id } }'))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await gql(url, '{ auditTrail(first: 101) { id } }', { token: auditor }))).toEqual(['BAD_USER_INPUT']);
  });
});

import type { Patient } from '../../adapters/emias';
import { graphqlError } from '../../platform/errors';
import { auditPage, DateScalar, DateTimeScalar, provenKeys } from '../kit';
import type { HealthContext } from './context';
import type { AvailableSlot, Resolvers } from './generated/resolvers-types';
import { bookingRequest, dateRange, documentId, numericId, pageSize } from './input';
import { loadAllDocuments } from './loaders';
import type { HealthResident } from './parents';

const MAX_APPOINTMENTS = 50;
const MAX_REFERRALS = 50;
const MAX_DOCUMENTS = 50;
const MAX_SLOTS = 200;

/**
 * The resident's EMIAS keys, proven to be theirs by the registry's seal (FORBIDDEN and a refused
 * audit row otherwise, before EMIAS is asked); null when they have no OMS policy.
 */
function patientOf(r: HealthResident, ctx: HealthContext, field: string): Patient | null {
  const keys = provenKeys(ctx, 'health', r, field);
  return keys.omsNumber ? { omsNumber: keys.omsNumber, birthDate: keys.birthDate } : null;
}

/** The signed-in resident's EMIAS keys, from the registry; UNAUTHENTICATED without a sign-in. */
function ownPatient(ctx: HealthContext): Promise<Patient> {
  return ctx.loaders.patient.load(ctx.access.residentId());
}

export const healthResolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,

  Query: {
    specialities: async (_root, _args, ctx) => ctx.loaders.specialities.load(await ownPatient(ctx)),

    availableSlots: async (_root, args, ctx) => {
      const specialityId = numericId(args.specialityId, 'specialityId');
      const first = pageSize(args.first, MAX_SLOTS);
      dateRange(args.from, args.to);
      const patient = await ownPatient(ctx);
      const doctors = await ctx.loaders.doctors.load({ patient, specialityId });
      const rooms = doctors.flatMap((doctor) => doctor.rooms.map((room) => ({ doctor, room })));
      const schedules = await ctx.loaders.schedule.loadMany(
        rooms.map(({ doctor, room }) => ({ patient, ref: { doctorId: doctor.id, complexResourceId: room.complexResourceId, specialityId } })),
      );
      const slots: AvailableSlot[] = [];
      schedules.forEach((schedule, i) => {
        if (schedule instanceof Error) throw schedule;
        const { doctor, room } = rooms[i]!;
        for (const slot of schedule) {
          // Times carry +03:00, so the first ten characters are the Moscow calendar day.
          const day = slot.startTime.slice(0, 10);
          if ((args.from && day < args.from) || (args.to && day > args.to)) continue;
          slots.push({
            specialityId,
            doctor: { id: doctor.id, name: doctor.name },
            complexResourceId: room.complexResourceId,
            startTime: slot.startTime,
            endTime: slot.endTime,
            clinicName: room.clinicShortName,
            clinicAddress: room.address,
            roomNumber: room.roomNumber,
          });
        }
      });
      return slots.sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime) || a.doctor.id.localeCompare(b.doctor.id)).slice(0, first);
    },
  },

  Mutation: {
    bookAppointment: async (_root, args, ctx) => {
      const booking = bookingRequest(args.input);
      const residentId = ctx.access.residentId();
      ctx.access.assertMayChange(residentId);
      const patient = await ctx.loaders.patient.load(residentId);
      const appointment = await ctx.emias.createAppointment(patient, booking);
      ctx.loaders.appointments.clear(patient);
      return { appointment };
    },

    cancelAppointment: async (_root, args, ctx) => {
      const appointmentId = numericId(args.appointmentId, 'appointmentId');
      const residentId = ctx.access.residentId();
      ctx.access.assertMayChange(residentId);
      const patient = await ctx.loaders.patient.load(residentId);
      await ctx.emias.cancelAppointment(patient, appointmentId);
      ctx.loaders.appointments.clear(patient);
      return { appointmentId, cancelled: true };
    },
  },

  Resident: {
    __resolveReference: async (ref, ctx) => {
      await ctx.access.assertMayRead([ref.id]);
      return { id: ref.id, sealedHealthKeys: ref.sealedHealthKeys };
    },
    appointments: async (r, args, ctx) => {
      const first = pageSize(args.first, MAX_APPOINTMENTS);
      const patient = patientOf(r, ctx, 'appointments');
      return patient ? (await ctx.loaders.appointments.load(patient)).slice(0, first) : [];
    },
    referrals: async (r, args, ctx) => {
      const first = pageSize(args.first, MAX_REFERRALS);
      const patient = patientOf(r, ctx, 'referrals');
      return patient ? (await ctx.loaders.referrals.load(patient)).slice(0, first) : [];
    },
    medicalCard: (r, _args, ctx) => {
      const patient = patientOf(r, ctx, 'medicalCard');
      return patient ? { patient } : null;
    },
    medicalAccessLog: async (r, args, ctx) => {
      // The person's own right to know; staff read the trail through auditTrail with audit:read.
      if (ctx.principal.kind !== 'resident') throw graphqlError('FORBIDDEN', 'Only the person and their representatives see who read their medical data.');
      // The person or a representative, on this very day: a child's log closes to a parent at 18.
      await ctx.access.assertMayRead([r.id]);
      // Someone else is anyone but the person signed in as themselves: staff whose subject equals the id included.
      const events = await auditPage(
        ctx.audit,
        { subjectId: r.id, subgraph: 'health', excludeActor: { kind: 'resident', id: r.id }, outcome: 'served' },
        { first: args.first, after: args.after },
      );
      return events.map((e) => ({ id: e.id, occurredAt: e.occurredAt, readerKind: e.actorKind, readerId: e.actorId, purpose: e.purpose, fields: e.fields }));
    },
  },

  MedicalCard: {
    documents: async (card, args, ctx) => {
      const first = pageSize(args.first, MAX_DOCUMENTS);
      const after = args.after ? documentId(args.after, 'after') : null;
      const list = args.kind ? await ctx.loaders.documents.load({ patient: card.patient, kind: args.kind }) : await loadAllDocuments(ctx.loaders, card.patient);
      let start = 0;
      if (after) {
        const index = list.findIndex((doc) => doc.id === after);
        if (index < 0) throw graphqlError('BAD_USER_INPUT', 'after names no document of this list.', { field: 'after' });
        start = index + 1;
      }
      return list.slice(start, start + first);
    },
    document: (card, args, ctx) => ctx.loaders.document.load({ patient: card.patient, documentId: documentId(args.id, 'id') }),
  },
};

import { addDays, moscowDate, Seeded } from '../kit';
import type { Person } from '../population';
import { type Doctor, doctorsFor, SPECIALITIES, servesSex } from './catalogue';
import { isWeekday, slotKey, slotsOfDay, takenByOthers } from './schedule';

/** An appointment as the simulator keeps it. */
export interface Appointment {
  id: number;
  personId: number;
  doctor: Doctor;
  start: Date;
  end: Date;
}

/** Pre-existing appointments get ids below this; bookings made through the API above it. */
const BOOKED_ID_BASE = 700_000_000;

/**
 * Every patient's appointments: the zero to two the simulator derives for them (always in the
 * coming fortnight, in slots already counted as taken) plus what was booked, moved or cancelled
 * through this instance's API, which is kept in memory.
 */
export class AppointmentBook {
  private readonly booked = new Map<number, Appointment>();
  /** Slot key → appointment id, for the slots taken through the API. */
  private readonly occupied = new Map<string, number>();
  /** Derived appointments that were cancelled or moved (a moved one lives on in `booked`). */
  private readonly withdrawn = new Set<number>();
  private nextId = BOOKED_ID_BASE + 1;

  constructor(private readonly seed: string) {}

  isOccupied(doctorId: number, start: Date): boolean {
    return this.occupied.has(slotKey(doctorId, start)) || takenByOthers(this.seed, doctorId, start);
  }

  /** The patient's appointments that have not started yet, soonest first. */
  upcoming(person: Person, now: Date): Appointment[] {
    const derived = this.derived(person, now).filter((a) => !this.withdrawn.has(a.id));
    const own = [...this.booked.values()].filter((a) => a.personId === person.id);
    return [...derived, ...own].filter((a) => a.start.getTime() > now.getTime()).sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  find(person: Person, now: Date, id: number): Appointment | undefined {
    return this.upcoming(person, now).find((a) => a.id === id);
  }

  book(person: Person, doctor: Doctor, start: Date, end: Date): Appointment {
    const appointment = { id: this.nextId++, personId: person.id, doctor, start, end };
    this.booked.set(appointment.id, appointment);
    this.occupied.set(slotKey(doctor.id, start), appointment.id);
    return appointment;
  }

  /** Moves an appointment to another slot, keeping its id. */
  shift(existing: Appointment, doctor: Doctor, start: Date, end: Date): Appointment {
    this.release(existing);
    const moved = { ...existing, doctor, start, end };
    this.booked.set(moved.id, moved);
    this.occupied.set(slotKey(doctor.id, start), moved.id);
    return moved;
  }

  cancel(existing: Appointment): void {
    this.release(existing);
  }

  private release(existing: Appointment): void {
    if (this.booked.delete(existing.id)) this.occupied.delete(slotKey(existing.doctor.id, existing.start));
    else this.withdrawn.add(existing.id);
  }

  /**
   * Derived from the person and today's date, so they are always ahead of the clock. Each sits in
   * a slot that `takenByOthers` already marks as taken, so it never shows as free.
   */
  private derived(person: Person, now: Date): Appointment[] {
    const r = new Seeded(this.seed, 'emias', 'appointments', person.id);
    const count = r.weighted([40, 40, 20]);
    const today = moscowDate(now);
    const days = Array.from({ length: 13 }, (_, i) => addDays(today, i + 1)).filter(isWeekday);
    const direct = SPECIALITIES.filter((s) => !s.needsReferral && servesSex(s, person.sex));
    const result: Appointment[] = [];
    for (let i = 0; i < count; i++) {
      const doctor = r.pick(doctorsFor(this.seed, person.registration.districtCode, r.pick(direct)));
      const slots = slotsOfDay(r.pick(days));
      const from = r.int(0, slots.length - 1);
      for (let k = 0; k < slots.length; k++) {
        const slot = slots[(from + k) % slots.length];
        if (slot && takenByOthers(this.seed, doctor.id, slot.start)) {
          const id = 100_000_000 + new Seeded(this.seed, 'emias', 'appointment-id', person.id, i).int(0, 599_999_999);
          result.push({ id, personId: person.id, doctor, start: slot.start, end: slot.end });
          break;
        }
      }
    }
    return result;
  }
}

import type { Appointment, EmiasPort, Patient } from '../../adapters/emias';
import type { RegistryPort } from '../../adapters/registry';
import { createHealthLoaders, EMIAS_PARALLEL_CALLS } from './loaders';

/** Lets every queued continuation run (the unit tier's timers, microtasks and immediates are fake). */
const settle = () => jest.runAllTimersAsync();

describe('health loaders', () => {
  it('ask EMIAS for at most EMIAS_PARALLEL_CALLS patients at once, and fail a patient alone', async () => {
    const waiting: Array<{ patient: Patient; answer(): void; fail(): void }> = [];
    let peak = 0;
    const unused = () => Promise.reject(new Error('not used by this test'));
    const emias: EmiasPort = {
      getAppointments: (patient) =>
        new Promise<Appointment[]>((resolve, reject) => {
          const call = {
            patient,
            answer: () => {
              waiting.splice(waiting.indexOf(call), 1);
              resolve([]);
            },
            fail: () => {
              waiting.splice(waiting.indexOf(call), 1);
              reject(new Error('EMIAS failed for this patient'));
            },
          };
          waiting.push(call);
          peak = Math.max(peak, waiting.length);
        }),
      getSpecialities: unused,
      getDoctors: unused,
      getSchedule: unused,
      createAppointment: unused,
      shiftAppointment: unused,
      cancelAppointment: unused,
      getReferrals: unused,
      listDocuments: unused,
      getDocument: unused,
    };
    const registry: RegistryPort = { getPersons: unused, getChildren: unused };
    const loaders = createHealthLoaders(emias, registry);

    const patients = Array.from({ length: 10 }, (_, i) => ({ omsNumber: String(7700000000000000 + i), birthDate: '1980-01-01' }));
    const answers = loaders.appointments.loadMany(patients);
    await settle();
    expect(waiting).toHaveLength(EMIAS_PARALLEL_CALLS);
    while (waiting.length > 0) {
      const call = waiting[0]!;
      if (call.patient === patients[7]) call.fail();
      else call.answer();
      await settle();
      expect(waiting.length).toBeLessThanOrEqual(EMIAS_PARALLEL_CALLS);
    }
    const results = await answers;
    expect(peak).toBe(EMIAS_PARALLEL_CALLS);
    expect(results[7]).toEqual(new Error('EMIAS failed for this patient'));
    expect(results.filter((_, i) => i !== 7)).toEqual(Array.from({ length: 9 }, () => []));
  });
});

import { Kind } from 'graphql';
import { loadContract } from '../kit';
import { HEALTH_AUDIT_POLICY, MEDICAL_DATA } from './medical-data';

describe('the medical data table', () => {
  it("places every field of the health contract that answers a resident's data", () => {
    const coordinates: string[] = [];
    for (const definition of loadContract('health').definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      if (!['Query', 'Mutation', 'Resident'].includes(definition.name.value)) continue;
      for (const field of definition.fields ?? []) {
        // The key and the keys the registry hands over are not answered here.
        if (field.name.value === 'id' || field.directives?.some((d) => d.name.value === 'external')) continue;
        coordinates.push(`${definition.name.value}.${field.name.value}`);
      }
    }
    expect(Object.keys(MEDICAL_DATA).sort()).toEqual(coordinates.sort());
  });

  it("makes the audit policy: residents' reads too, the log itself exempt, the root fields recorded", () => {
    expect(HEALTH_AUDIT_POLICY).toMatchObject({
      everyRead: true,
      exemptFields: ['medicalAccessLog'],
      residentRootFields: ['specialities', 'availableSlots', 'bookAppointment', 'cancelAppointment'],
    });
  });
});

import { isValidSnils, parsePlate } from '../../platform/identifiers';
import { decodeMeshId, decodeOms, decodePayerCode, decodeSts, Population } from './index';

describe('Population', () => {
  const population = new Population({ seed: 'test-seed' });

  it('derives the same person from the same id', () => {
    const a = population.person(12345);
    const b = new Population({ seed: 'test-seed' }).person(12345);
    expect(a).toEqual(b);
    expect(new Population({ seed: 'other' }).person(12345)).not.toEqual(a);
  });

  it('gives every person valid identifiers that decode back to them', () => {
    for (let id = 1000; id < 1300; id++) {
      const p = population.person(id)!;
      expect(isValidSnils(p.snils)).toBe(true);
      expect(p.omsNumber).toMatch(/^\d{16}$/);
      expect(decodeOms(population.seed, p.omsNumber)).toBe(id);
      for (const [i, code] of p.payerCodes.entries()) expect(decodePayerCode(population.seed, code)).toEqual({ personId: id, homeIndex: i });
      p.vehicles.forEach((v, i) => {
        expect(parsePlate(v.plate)).toBe(v.plate);
        expect(decodeSts(population.seed, v.sts)).toEqual({ personId: id, vehicleIndex: i });
      });
    }
  });

  it('refuses made-up keys', () => {
    const p = population.person(4242)!;
    const forged = p.omsNumber.slice(0, 15) + String((Number(p.omsNumber[15]) + 1) % 10);
    expect(decodeOms(population.seed, forged)).toBeUndefined();
    expect(decodePayerCode(population.seed, '0000000000')).toBeUndefined();
  });

  it('makes children minors who point back at their parent', () => {
    const parent = population.findAdult((p) => p.childIds.length >= 3);
    for (const childId of parent.childIds) {
      const child = population.person(childId)!;
      expect(child.parentId).toBe(parent.id);
      expect(population.ageOf(child)).toBeLessThan(18);
      expect(population.ageOf(parent) - population.ageOf(child)).toBeGreaterThanOrEqual(18);
      if (child.meshPersonId) expect(decodeMeshId(child.meshPersonId)).toBe(childId);
    }
    expect(population.person(parent.childIds[parent.childIds.length - 1]! + 1)).toBeUndefined();
  });

  it('has no person outside the id ranges', () => {
    expect(population.person(0)).toBeUndefined();
    expect(population.personByKey('007')).toBeUndefined();
    expect(population.personByKey('abc')).toBeUndefined();
  });
});

describe('patronymics', () => {
  it('follow the father name', () => {
    const { patronymic } = jest.requireActual<typeof import('./names')>('./names');
    expect(patronymic('Дмитрий', 'female')).toBe('Дмитриевна');
    expect(patronymic('Иван', 'male')).toBe('Иванович');
    expect(patronymic('Сергей', 'female')).toBe('Сергеевна');
    expect(patronymic('Илья', 'male')).toBe('Ильич');
  });
});

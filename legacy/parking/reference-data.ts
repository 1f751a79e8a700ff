import { Seeded } from '../kit';

/**
 * The city's paid-parking reference data: zones with their hourly tariffs and the parkings in them.
 * Derived from the population seed, so every simulator of one city agrees on it.
 */

/** A paid-parking zone. Zone numbers are four digits: the district (two) and the zone in it (two). */
export interface Zone {
  number: string;
  /** Hourly tariff in kopecks. */
  hourlyKopecks: number;
}

export interface ParkingLot {
  id: number;
  street: string;
  house: string;
  zone: Zone;
  totalSpaces: number;
}

/** Parking ids the city has: 1001..2999, as four-digit AMPP ids. */
export const FIRST_PARKING_ID = 1001;
export const LAST_PARKING_ID = 2999;

const DISTRICTS = 12;
/** The centre (district 01) costs several times the rest, as the city's tariff zones do. */
const CENTRAL_TARIFFS = [20_000, 30_000, 38_000];
const OUTER_TARIFFS = [4_000, 6_000, 8_000, 10_000];

const STREETS = [
  'ул. Тверская',
  'ул. Петровка',
  'ул. Мясницкая',
  'ул. Покровка',
  'ул. Большая Ордынка',
  'ул. Пятницкая',
  'Ленинский пр-т',
  'ул. Профсоюзная',
  'Кутузовский пр-т',
  'ул. Вавилова',
  'пр-т Мира',
  'ул. Новый Арбат',
  'Варшавское ш.',
  'ул. Люблинская',
  'Волгоградский пр-т',
  'ул. Академика Королёва',
  'Щёлковское ш.',
] as const;

/** The zones and parkings of one city, built once per simulator. */
export class ParkingReference {
  private readonly zones = new Map<string, Zone>();
  private readonly zoneList: Zone[] = [];

  constructor(private readonly seed: string) {
    for (let d = 1; d <= DISTRICTS; d++) {
      const r = new Seeded(seed, 'parking', 'district', d);
      const count = r.int(2, 6);
      for (let z = 1; z <= count; z++) {
        const number = `${String(d).padStart(2, '0')}${String(z).padStart(2, '0')}`;
        const zone = { number, hourlyKopecks: r.pick(d === 1 ? CENTRAL_TARIFFS : OUTER_TARIFFS) };
        this.zones.set(number, zone);
        this.zoneList.push(zone);
      }
    }
  }

  zone(number: string): Zone | undefined {
    return this.zones.get(number);
  }

  allZones(): ReadonlyArray<Zone> {
    return this.zoneList;
  }

  parking(id: number): ParkingLot | undefined {
    if (!Number.isSafeInteger(id) || id < FIRST_PARKING_ID || id > LAST_PARKING_ID) return undefined;
    const r = new Seeded(this.seed, 'parking', 'lot', id);
    return {
      id,
      street: r.pick(STREETS),
      house: String(r.int(1, 140)),
      zone: r.pick(this.zoneList),
      totalSpaces: r.int(8, 240),
    };
  }

  /** Spaces kept for disabled drivers: about one in ten, at least one. */
  handicappedSpaces(lot: ParkingLot): number {
    return Math.max(1, Math.floor(lot.totalSpaces / 10));
  }

  /** Free spaces for disabled drivers, changing with the hour as the others do. */
  freeHandicapped(lot: ParkingLot, moscowDate: string, hour: number): number {
    return new Seeded(this.seed, 'parking', 'free-handicapped', lot.id, moscowDate, hour).int(0, this.handicappedSpaces(lot));
  }

  /** Free spaces change with the hour, the same all through one hour of one day. */
  freeSpaces(lot: ParkingLot, moscowDate: string, hour: number): number {
    const r = new Seeded(this.seed, 'parking', 'free', lot.id, moscowDate, hour);
    return r.int(0, lot.totalSpaces);
  }
}

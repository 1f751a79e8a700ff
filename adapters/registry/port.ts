/**
 * The resident registry as the graph needs it: who a person is and their keys into the other
 * systems. Domain types only; the registry's wire shapes stay in `wire.ts`.
 */
export interface PersonRecord {
  id: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  /** `YYYY-MM-DD`. */
  birthDate: string;
  /** `NNN-NNN-NNN NN`, check number verified. */
  snils: string;
  /** 16 digits; with the birth date, the patient's key in EMIAS. */
  omsNumber: string | null;
  registeredAddress: RegisteredAddress | null;
  /** The school diary's id for the person; only school-age children have one. */
  meshPersonId: string | null;
  /** EPD payer codes of the homes the person pays for. */
  payerCodes: string[];
  vehicles: VehicleKey[];
  parkingAccountId: string | null;
}

export interface RegisteredAddress {
  text: string;
  flat: string | null;
  /** The city's building id. */
  unom: number;
  districtCode: string;
}

/** A car's keys: the plate, and the registration certificate (STS) fines are looked up by. */
export interface VehicleKey {
  plate: string;
  sts: string;
}

/**
 * The port the subgraphs depend on. Domain arguments only: the request id, the deadline and the
 * principal's cache partition reach the transport through the request scope.
 */
export interface RegistryPort {
  /** The persons with these ids; an unknown id is absent from the map. Any number of ids. */
  getPersons(ids: ReadonlyArray<string>): Promise<Map<string, PersonRecord>>;
  /** The minors the person is the legal representative of. */
  getChildren(personId: string): Promise<PersonRecord[]>;
}

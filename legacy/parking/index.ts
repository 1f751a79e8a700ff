export { createParkingSimulator } from './simulator';
export { initialBalanceKopecks, MAX_SESSION_MINUTES, MIN_SESSION_MINUTES, sessionCost } from './accounts';
export { AMPP_SESSION_COOKIE, AMPP_TOKEN_HEADER } from './ampp-auth';
export { MAX_PERMIT_PLATES, MAX_SESSIONS_PAGE } from './ampp-routes';
export { CABINET_PATH } from './cabinet-routes';
export { chargesForSts, type Charge } from './charges';
export { FINES_PATH, GET_CHARGES_ACTION, GET_CHARGES_ENDPOINT, MAX_CERTIFICATES } from './fines-routes';
export { permitsForPlate, type Permit } from './permits';
export { ParkingReference, FIRST_PARKING_ID, LAST_PARKING_ID, type Zone } from './reference-data';

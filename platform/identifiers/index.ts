export { formatSnils, isValidSnils, maskSnils, snilsCheckNumber, snilsDigits } from './snils';
export { MOSCOW_REGIONS, PLATE_LETTERS, normalizePlate, parsePlate } from './vehicle-plate';
export { isValidUin, uinCheckDigit } from './fine-uin';
export { isCalendarDate } from './calendar-date';
export { isOpaqueKey } from './opaque-key';

export { isCalendarDate } from './calendar-date';
export { isValidUin, uinCheckDigit } from './fine-uin';
export { isOpaqueKey } from './opaque-key';
export { formatSnils, isValidSnils, maskSnils, snilsCheckNumber, snilsDigits } from './snils';
export { MOSCOW_REGIONS, normalizePlate, PLATE_LETTERS, parsePlate } from './vehicle-plate';

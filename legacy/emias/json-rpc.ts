/**
 * EMIAS's JSON-RPC envelope. Every answer of the appointment API, refusals included, is HTTP 200;
 * a refusal is told apart from a result only by its `error` member.
 */

/** Numeric codes: JSON-RPC's own, and EMIAS's business refusals with a string code in `data`. */
export const RPC_ERRORS = {
  PARSE_ERROR: { code: -32700, message: 'Parse error' },
  INVALID_REQUEST: { code: -32600, message: 'Invalid Request' },
  METHOD_NOT_FOUND: { code: -32601, message: 'Method not found' },
  INVALID_PARAMS: { code: -32602, message: 'Invalid params' },
  TIMEOUT: { code: -32000, message: 'Read timed out' },
  PATIENT_NOT_FOUND: { code: 602, message: 'Пациент с указанными данными не найден' },
  SPECIALITY_NOT_FOUND: { code: 603, message: 'Специальность не найдена' },
  RESOURCE_NOT_FOUND: { code: 604, message: 'Ресурс не найден' },
  SLOT_BUSY: { code: 701, message: 'Выбранное время уже занято' },
  SLOT_UNAVAILABLE: { code: 702, message: 'Выбранное время недоступно для записи' },
  SPECIALITY_NOT_AVAILABLE: { code: 703, message: 'Запись к врачу данной специальности недоступна' },
  APPOINTMENT_NOT_FOUND: { code: 705, message: 'Запись не найдена или уже отменена' },
} as const;
export type RpcErrorName = keyof typeof RPC_ERRORS;

/** Thrown inside a method to answer with an error envelope. */
export class RpcError extends Error {
  constructor(readonly kind: RpcErrorName) {
    super(RPC_ERRORS[kind].message);
  }
}

export type RpcId = string | number | null;

export function rpcResult(id: RpcId, result: unknown): Record<string, unknown> {
  return { jsonrpc: '2.0', id, result };
}

export function rpcError(id: RpcId, name: RpcErrorName): Record<string, unknown> {
  const { code, message } = RPC_ERRORS[name];
  return { jsonrpc: '2.0', id, error: { code, message, data: { code: name } } };
}

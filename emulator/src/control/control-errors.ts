/** A control-API request the emulator refuses; rendered as `{error: {code, message}}` with `status`. */
export class ControlInputError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const CODES: Record<number, string> = {
  400: 'BadRequest',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  501: 'NotImplemented',
};

/** Body of a control-API error. */
export function controlErrorBody(status: number, message: string): { error: { code: string; message: string } } {
  return { error: { code: CODES[status] ?? 'Error', message } };
}

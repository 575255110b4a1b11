/**
 * The one registry of Tandem's error codes (DESIGN §4, §7.3). Code never branches on messages;
 * it throws `AppError` with a code from here and the HTTP layer renders
 * `{ error: { code, message, details } }` with the registry's status.
 */
export const ERRORS = {
  TANDEM_ERR_VALIDATION: { status: 400, message: 'The request is not valid' },
  TANDEM_ERR_MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON' },
  TANDEM_ERR_UNAUTHENTICATED: { status: 401, message: 'Sign in first' },
  TANDEM_ERR_BAD_CREDENTIALS: { status: 401, message: 'Wrong login or password' },
  TANDEM_ERR_CSRF: { status: 403, message: 'Missing or wrong X-CSRF-Token header' },
  TANDEM_ERR_FORBIDDEN: { status: 403, message: 'You do not have permission to do this' },
  TANDEM_ERR_NOT_FOUND: { status: 404, message: 'Not found' },
  TANDEM_ERR_CONFLICT: { status: 409, message: 'Conflicts with existing data' },
  TANDEM_ERR_IN_USE: { status: 409, message: 'Still in use' },
  // MB-3: the mail server refused or could not be reached with the given credentials; details {code, field}.
  TANDEM_ERR_CONNECTION: { status: 400, message: 'Could not connect to the mail server' },
  TANDEM_ERR_PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large' },
  TANDEM_ERR_UNSUPPORTED_MEDIA: { status: 415, message: 'Send the request body as application/json' },
  TANDEM_ERR_RATE_LIMITED: { status: 429, message: 'Too many attempts; wait a minute and try again' },
  TANDEM_ERR_INTERNAL: { status: 500, message: 'Something went wrong on the server' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** An error with a registry code; `details.field` names the offending input field. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? ERRORS[code].message);
    this.status = ERRORS[code].status;
  }
}

/**
 * Which check a field failed, so clients can say it in the user's language; `params` carry the numbers
 * or values the sentence needs. `invalid` is the catch-all (the message then says what is wrong).
 */
export type ValidationRule =
  | 'required'
  | 'unknownField'
  | 'type'
  | 'maxLength'
  | 'minLength'
  | 'oneOf'
  | 'format'
  | 'range'
  | 'notFound'
  | 'duplicate'
  | 'email'
  | 'phone'
  | 'web'
  | 'date'
  | 'dateTime'
  | 'timeZone'
  | 'notBeforeStart'
  | 'wrongPassword'
  | 'login'
  | 'taken'
  | 'host'
  | 'https'
  | 'atLeastOne'
  | 'oauthSignIn'
  | 'invalid';

/** A validation error naming one field (dotted path, e.g. `communications.1.value`) and the rule it broke. */
export function invalid(
  field: string,
  message: string,
  rule: ValidationRule = 'invalid',
  params?: Record<string, unknown>,
): AppError {
  return new AppError('TANDEM_ERR_VALIDATION', `${field}: ${message}`, { field, rule, ...(params && { params }) });
}

/** 404 for a record that does not exist or that the user may not read (the two are never distinguished). */
export function notFound(what: string, id: string): AppError {
  return new AppError('TANDEM_ERR_NOT_FOUND', `${what} ${id} was not found`, { id });
}

/** 409 for a unique value (a login, a role name) that another record already uses. */
export function taken(field: string, message: string): AppError {
  return new AppError('TANDEM_ERR_CONFLICT', message, { field, rule: 'taken' });
}

import { randomUUID } from 'node:crypto';

/**
 * An error of the Microsoft identity platform, rendered in its documented shape
 * (entra/identity-platform/reference-error-codes#handling-error-codes-in-your-application):
 * `{error, error_description: "AADSTS{n}: … Trace ID: … Correlation ID: … Timestamp: …", error_codes: [n],
 * timestamp, trace_id, correlation_id, error_uri}`.
 */
export class IdentityError extends Error {
  constructor(
    /** OAuth 2.0 error string (`invalid_grant`, `invalid_client`, …). */
    readonly error: string,
    /** AADSTS number. */
    readonly aadsts: number,
    message: string,
    readonly status = 400,
    /** Extra fields such as `suberror` (`consent_required`, `bad_token`). */
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** `2016-01-09 02:02:12Z`, the timestamp format of Entra error responses. */
export function entraTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

export interface ErrorContext {
  now: Date;
  /** The caller's `client-request-id` header; Entra echoes it as the correlation id. */
  correlationId?: string;
}

/** The JSON body Entra's token and discovery endpoints answer errors with. */
export function identityErrorBody(err: IdentityError, ctx: ErrorContext): Record<string, unknown> {
  const traceId = randomUUID();
  const correlationId = ctx.correlationId ?? randomUUID();
  const timestamp = entraTimestamp(ctx.now);
  return {
    error: err.error,
    error_description: `${describe(err)}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [err.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${err.aadsts}`,
    ...err.extra,
  };
}

/** `AADSTS{n}: {message}`. */
export function describe(err: IdentityError): string {
  return `AADSTS${err.aadsts}: ${err.message}`;
}

/** Named constructors for the errors the emulator raises, so call sites read as decisions. */
export const idErr = {
  missingParameter: (name: string) =>
    new IdentityError('invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  tenantNotFound: (tenant: string, error = 'invalid_request') =>
    new IdentityError(
      error,
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    ),
  appNotFound: (clientId: string, tenant: string) =>
    new IdentityError(
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  missingClientSecret: () =>
    new IdentityError(
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      401,
    ),
  invalidClientSecret: (clientId: string) =>
    new IdentityError(
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      401,
    ),
  unsupportedGrantType: (grantType: string) =>
    new IdentityError('unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`),
  postOnly: (method: string) =>
    new IdentityError(
      'invalid_request',
      900561,
      `The endpoint only accepts POST, OPTIONS requests. Received a ${method} request.`,
    ),
  codeRedeemed: () =>
    new IdentityError(
      'invalid_grant',
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    ),
  codeExpired: () =>
    new IdentityError(
      'invalid_grant',
      70008,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    ),
  malformedGrant: (what: string) =>
    new IdentityError(
      'invalid_grant',
      9002313,
      `Invalid request. Request is malformed or invalid. The provided ${what} is not valid.`,
    ),
  pkceMismatch: () =>
    new IdentityError(
      'invalid_grant',
      501481,
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    ),
  redirectMismatchAtToken: (given: string, expected: string) =>
    new IdentityError(
      'invalid_grant',
      50011,
      `The redirect URI '${given}' specified in the request does not match the redirect URI '${expected}' provided when requesting the authorization code.`,
    ),
  redirectNotRegistered: (given: string, clientId: string) =>
    new IdentityError(
      'invalid_request',
      50011,
      `The redirect URI '${given}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
    ),
  noReplyAddress: () => new IdentityError('invalid_request', 900971, 'No reply address provided.'),
  refreshRevoked: () =>
    new IdentityError(
      'invalid_grant',
      50173,
      'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on a previous date and the TokensValidFrom date (before which tokens are not valid) for this user is later.',
      400,
      { suberror: 'bad_token' },
    ),
  refreshExpired: (issuedAt: Date, lifetimeSec: number) =>
    new IdentityError(
      'invalid_grant',
      700082,
      `The refresh token has expired due to inactivity. The token was issued on ${issuedAt.toISOString()} and was inactive for ${formatSpan(lifetimeSec)}.`,
      400,
      { suberror: 'bad_token' },
    ),
  consentRequired: (clientId: string, appName: string) =>
    new IdentityError(
      'invalid_grant',
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
      400,
      { suberror: 'consent_required' },
    ),
  multipleResources: (scope: string) =>
    new IdentityError(
      'invalid_scope',
      28000,
      `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
    ),
  scopeEmptyForMultiResourceCode: () =>
    new IdentityError(
      'invalid_request',
      28003,
      'Provided value for the input parameter scope cannot be empty when requesting an access token using the provided authorization code. Please specify a valid scope.',
    ),
  invalidScope: (scope: string) =>
    new IdentityError(
      'invalid_scope',
      70011,
      `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
    ),
  clientCredentialsNeedDefault: (scope: string) =>
    new IdentityError(
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  resourceNotFound: (resource: string, tenant: string) =>
    new IdentityError(
      'invalid_resource',
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    ),
  grantNotForCommon: () =>
    new IdentityError(
      'invalid_request',
      9001023,
      "The grant type isn't supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.",
    ),
  wrongTenantForCode: () =>
    new IdentityError(
      'invalid_grant',
      700005,
      'Provided Authorization Code is intended to use against other tenant, thus rejected.',
    ),
  grantClientMismatch: () =>
    new IdentityError(
      'invalid_grant',
      70000,
      'Provided grant is invalid or malformed: it was issued to a different client.',
    ),
  userNotFound: (tenant: string) =>
    new IdentityError('invalid_grant', 50034, `The user account does not exist in the ${tenant} directory.`),
  publicClientWithSecret: () =>
    new IdentityError(
      'invalid_request',
      700025,
      "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
    ),
  pkceRequiredForPublic: () =>
    new IdentityError(
      'invalid_request',
      9002325,
      'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
    ),
};

/** `90.00:00:00`, the .NET TimeSpan format Entra prints in AADSTS700082. */
function formatSpan(totalSec: number): string {
  const days = Math.floor(totalSec / 86400);
  const rest = totalSec % 86400;
  const hh = String(Math.floor(rest / 3600)).padStart(2, '0');
  const mm = String(Math.floor((rest % 3600) / 60)).padStart(2, '0');
  const ss = String(rest % 60).padStart(2, '0');
  return `${days}.${hh}:${mm}:${ss}`;
}

/**
 * Token endpoint failures, in the few kinds the rest of Tandem acts on (DESIGN §7.4). The identity client
 * translates OAuth error responses (RFC 6749 §5.2; entra/identity-platform/reference-error-codes) into these once;
 * transport failures become ConnectorErrors instead.
 */
export type GrantFailure =
  /** The code or refresh token is expired, revoked, already used or was issued to someone else (`invalid_grant`). */
  | 'invalidGrant'
  /** The user or an administrator must consent first (`consent_required`, `interaction_required`, AADSTS65001). */
  | 'consentRequired'
  /** The app's client id or secret is wrong or expired (`invalid_client`, `unauthorized_client`): an admin matter. */
  | 'invalidClient'
  /** Anything else the provider answered (bad request, server error). */
  | 'provider';

export class GrantError extends Error {
  override readonly name = 'GrantError';
  constructor(
    readonly failure: GrantFailure,
    /** The OAuth `error` code and AADSTS number, for logs; never shown to users as-is. */
    readonly detail: string,
  ) {
    super(`${failure}: ${detail}`);
  }
}

/** Grant failures that only the mailbox's owner can fix, by signing in again (OA-3). */
export function needsSignIn(err: unknown): err is GrantError {
  return err instanceof GrantError && (err.failure === 'invalidGrant' || err.failure === 'consentRequired');
}

/** Maps an OAuth `error` code from a token response to the failure kind. */
export function grantFailureOf(error: string | undefined): GrantFailure {
  switch (error) {
    case 'invalid_grant':
      return 'invalidGrant';
    case 'consent_required':
    case 'interaction_required':
      return 'consentRequired';
    case 'invalid_client':
    case 'unauthorized_client':
      return 'invalidClient';
    default:
      return 'provider';
  }
}

import { GraphError } from '../../contracts.ts';
import { graphErrors } from '../errors.ts';

/**
 * Checks on subscription create/update bodies (`api/subscription-post-subscriptions.md`,
 * `resources/subscription.md`): changeType is a comma list of created/updated/deleted, clientState is at
 * most 128 characters, notification URLs are https (plain http only on loopback, DESIGN §5), and
 * expirationDateTime lies in the future but no further than the maximum for the resource. Outlook refuses
 * a longer expiry rather than shortening it, with "Subscription expiration can only be N minutes in the
 * future." (ExtensionError, observed; microsoft-graph-docs issue 7726).
 */

const CHANGE_TYPES = ['created', 'updated', 'deleted'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export function readChangeTypes(value: unknown): ChangeType[] {
  if (typeof value !== 'string' || !value.trim())
    throw graphErrors.badRequest("The property 'changeType' is required.");
  const parts = value.split(',').map((p) => p.trim());
  const bad = parts.find((p) => !CHANGE_TYPES.includes(p as ChangeType));
  if (bad !== undefined) {
    throw new GraphError(400, 'InvalidRequest', `'${bad}' is not a valid changeType. Use created, updated or deleted.`);
  }
  return [...new Set(parts as ChangeType[])];
}

export function readClientState(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw graphErrors.badRequest("Invalid value for property 'clientState'.");
  if (value.length > 128)
    throw new GraphError(400, 'InvalidRequest', 'The clientState must not be longer than 128 characters.');
  return value;
}

/** A notification or lifecycle URL: absolute, https unless the host is a loopback address. */
export function readNotificationUrl(value: unknown, field: string): string {
  if (typeof value !== 'string' || !value) throw graphErrors.badRequest(`The property '${field}' is required.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new GraphError(400, 'InvalidRequest', `The ${field} '${value}' is not a valid absolute URL.`);
  }
  if (url.protocol === 'https:') return value;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return value;
  throw new GraphError(400, 'InvalidRequest', `The ${field} must use the https scheme.`);
}

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** expirationDateTime within (now, now + maxMinutes]. */
export function readExpiration(value: unknown, now: number, maxMinutes: number): number {
  if (typeof value !== 'string') throw graphErrors.badRequest("The property 'expirationDateTime' is required.");
  const at = Date.parse(value);
  if (Number.isNaN(at))
    throw graphErrors.badRequest(`Cannot convert the literal '${value}' to the expected type 'Edm.DateTimeOffset'.`);
  if (at <= now) throw new GraphError(400, 'InvalidRequest', 'Subscription expiration time must be in the future.');
  if (at > now + maxMinutes * 60_000) {
    throw new GraphError(
      400,
      'ExtensionError',
      `Subscription expiration can only be ${maxMinutes} minutes in the future.`,
    );
  }
  return at;
}

/** The handshake failed: no subscription is created (`change-notifications-delivery-webhooks.md`). */
export function validationFailed(reason: string | undefined, field: string): GraphError {
  const message =
    reason === 'timeout'
      ? 'Subscription validation request timed out.'
      : reason === 'token' || reason === 'contentType'
        ? 'Subscription validation request failed. Response must exactly match validationToken query parameter.'
        : 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.';
  return new GraphError(400, 'ValidationError', field === 'notificationUrl' ? message : `${message} (${field})`);
}

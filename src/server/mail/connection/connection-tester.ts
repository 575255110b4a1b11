import type { ConnectionTestInput, TestConnection } from '../mailbox.types.ts';
import { testConnection } from './connection-test.service.ts';
import { type ConnectionDeps, mailboxConnections } from './mailbox-connections.ts';

/**
 * The connection test as the mailbox service calls it (MB-3): before a mailbox is saved, and for
 * `POST /api/mailboxes/:id/test`. When the input names a saved mailbox (`mailboxId`), its OAuth tokens come from
 * the shared token manager (an expiring token is refreshed, the rotated refresh token saved, a revoked grant marks
 * the mailbox "needs sign-in") and its calls use the mailbox's limiter; otherwise the given credentials are used
 * as they are.
 */
export function createConnectionTest(deps: ConnectionDeps): TestConnection {
  const connections = mailboxConnections(deps);
  return (input: ConnectionTestInput) => {
    const { mailboxId } = input;
    return testConnection(input, {
      allowInsecureLoopback: deps.config.oauthAllowInsecureLoopback,
      ...(mailboxId && {
        limiter: connections.limiters.for(mailboxId),
        ...(input.service.auth === 'oauth2' && {
          getAccessToken: (opts?: { forceRefresh?: boolean }) =>
            connections.tokenManager.getAccessToken(mailboxId, opts),
        }),
      }),
    });
  };
}

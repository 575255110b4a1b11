import type { Config } from '../../config.ts';
import { createGraphMailbox } from '../../connectors/graph/graph-mailbox.ts';
import { LimiterRegistry } from '../../connectors/mailbox-limiter.ts';
import { ConnectorError, type RemoteMailbox } from '../../connectors/port.ts';
import type { Db } from '../../db/database.ts';
import { createIdentityClient, type IdentityClient, type OAuthServiceRef } from '../../oauth/identity-client.ts';
import { createTokenManager, type SignInReason, type TokenManager } from '../../oauth/token-manager.ts';
import type { MailServiceInternal } from '../mail-service.types.ts';
import { mailboxService } from '../mailbox.service.ts';
import { delegatedScopes } from '../microsoft-365.ts';
import type { Vault } from '../vault/secret-vault.ts';
import { connectionResult } from './connection-codes.ts';

/**
 * The process-wide pieces every remote call of a mailbox must share: one token manager (so refreshes are
 * single-flight per mailbox, DESIGN §7.7), one limiter per mailbox (DESIGN §3 quotas) and one identity client (its
 * discovery cache). Routes, and later the sync workers, get them through `mailboxConnections(deps)`, which returns
 * the same instance for the same database handle.
 */

export interface ConnectionDeps {
  db: Db;
  vault: Vault;
  config: Pick<Config, 'oauthAllowInsecureLoopback'>;
}

export interface MailboxConnections {
  tokenManager: TokenManager;
  identity: IdentityClient;
  limiters: LimiterRegistry;
  /** The remote side of a saved mailbox, or undefined while no connector serves its kind (EWS, IMAP). */
  open(mailboxId: string): Promise<RemoteMailbox | undefined>;
}

/** What the identity client needs of a mail service; a service without client credentials cannot sign in. */
export function oauthServiceRef(service: MailServiceInternal): OAuthServiceRef {
  if (service.auth !== 'oauth2' || !service.clientId || !service.clientSecret) {
    throw new ConnectorError('INVALID', `mail service ${service.id} has no OAuth 2.0 client id and secret`);
  }
  return {
    authorityUrl: service.authorityUrl,
    tenant: service.tenant,
    clientId: service.clientId,
    clientSecret: service.clientSecret,
    scopes: delegatedScopes(service),
  };
}

/** The test code and message left on a mailbox that needs its owner to sign in again (MB-5 banner, OA-3). */
function signInNotice(reason: SignInReason) {
  return connectionResult(reason === 'consentMissing' ? 'consentMissing' : 'needsSignIn', '');
}

function build({ db, vault, config }: ConnectionDeps): MailboxConnections {
  const identity = createIdentityClient({ allowInsecureLoopback: config.oauthAllowInsecureLoopback });
  const limiters = new LimiterRegistry();
  const tokenManager = createTokenManager<MailServiceInternal>({
    async load(mailboxId) {
      const box = await mailboxService.internal(db, vault, mailboxId);
      if (!box.tokens) return undefined;
      return {
        accessToken: box.tokens.accessToken,
        refreshToken: box.tokens.refreshToken,
        expiresAt: Date.parse(box.tokens.expiresAt),
        service: box.service,
      };
    },
    async save(mailboxId, tokens) {
      await mailboxService.saveTokens(db, vault, mailboxId, {
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        expiresAt: new Date(tokens.expiresAt).toISOString(),
      });
    },
    async markNeedsSignIn(mailboxId, reason) {
      await mailboxService.setState(db, mailboxId, 'needsSignIn');
      const { ok, code, message } = signInNotice(reason);
      await mailboxService.recordTest(db, mailboxId, { ok, code, message, at: new Date().toISOString() });
    },
    refresh: (refreshToken, service) => identity.refresh(refreshToken, oauthServiceRef(service)),
  });

  return {
    tokenManager,
    identity,
    limiters,
    async open(mailboxId) {
      const box = await mailboxService.internal(db, vault, mailboxId);
      const { service } = box;
      if (service.auth === 'oauth2' && service.effectiveProtocol === 'graph') {
        return createGraphMailbox({
          graphUrl: service.graphUrl,
          getAccessToken: (opts) => tokenManager.getAccessToken(mailboxId, opts),
          limiter: limiters.for(mailboxId),
          allowInsecureLoopback: config.oauthAllowInsecureLoopback,
        });
      }
      return undefined;
    },
  };
}

const instances = new WeakMap<Db, MailboxConnections>();

/** The shared connections of the app that owns this database handle. */
export function mailboxConnections(deps: ConnectionDeps): MailboxConnections {
  let found = instances.get(deps.db);
  if (!found) {
    found = build(deps);
    instances.set(deps.db, found);
  }
  return found;
}

import type { EmulatorConfig } from '../contracts.ts';
import type { DirectoryService } from '../directory/directory-service.ts';
import type { JwtSigner } from './jwt-signer.ts';

/** What the identity routes share: the directory, the signing key, the live config and the clock. */
export interface IdentityContext {
  directory: DirectoryService;
  signer: JwtSigner;
  getConfig(): EmulatorConfig;
  /** Milliseconds since the epoch; tests pass a fake clock to reach expiry without waiting. */
  now(): number;
  /**
   * Issuer of `common`/`organizations` metadata: `false` (default) echoes the segment so openid-client's
   * discovery check passes; `true` serves Entra's literal `{tenantid}` template and per-tenant `iss` in tokens.
   */
  entraIssuerTemplate: boolean;
}

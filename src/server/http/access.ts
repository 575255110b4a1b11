/**
 * Every /api route declares who may call it (DESIGN §4). The declaration lives in the route's
 * `config.access`; `assertAccessDeclared` refuses to register a route without one, and the access hook
 * enforces it before any handler runs.
 */
export type SystemOperation = 'CanManageAdministration' | 'CanManageAllRecords';

export type Access = 'anonymous' | 'signedIn' | { operation: SystemOperation };

/** The signed-in user as the rest of the server sees them. */
export interface Actor {
  id: string;
  login: string;
  roleIds: string[];
  operations: ReadonlySet<string>;
  csrfToken: string;
  sessionHash: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Only the login route opts out of the CSRF check (it has no session yet). */
    skipCsrf?: boolean;
  }
  interface FastifyRequest {
    actor?: Actor;
  }
}

/** Human-readable form of a requirement, used in the OpenAPI document. */
export function describeAccess(access: Access): string {
  if (access === 'anonymous') return 'anonymous';
  if (access === 'signedIn') return 'signed-in user';
  return `system operation ${access.operation}`;
}

/** True when the actor holds the system operation. */
export function hasOperation(actor: Actor | undefined, op: SystemOperation): boolean {
  return actor?.operations.has(op) ?? false;
}

import { currentRequestId, REQUEST_ID_HEADER } from '../shared/observability';
import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { serviceUnavailable } from '../shared/errors';
import { SECRET_HEADER } from '../shared/auth/forwarding';
import { verifyToken, type TokenClaims } from '../shared/auth/jwt';
import { PLATFORM_TENANT, ROLES_BY_KIND, type Identity, type PartnerType, type TenantKind } from '../shared/auth/roles';
import { remoteTimeoutMs } from '../shared/graph-client';

interface TenantInfo {
  kind: TenantKind;
  partnerType?: PartnerType;
}

/**
 * Turns a request's bearer token into the identity forwarded to subgraphs: the JWT is
 * verified here (never trusted further down), the tenant's kind and partner type are looked
 * up once in the customers subgraph and cached (tenants never change kind or type), and
 * roles that do not belong to that kind of tenant are dropped.
 */
export class IdentityResolver {
  private readonly tenants = new Map<string, TenantInfo>();
  /**
   * The identity made of a verified token's claims: verifyToken hands the same claims object for
   * the same token while it remembers it, and a tenant's kind never changes, so a dashboard's
   * requests share one identity object (and the headers forwarded for it) instead of rebuilding it.
   */
  private readonly identities = new WeakMap<TokenClaims, Identity>();

  constructor(
    private readonly customersBaseUrl: string,
    private readonly secret: string,
  ) {}

  /** undefined when no token was sent; throws UNAUTHENTICATED for a bad one. */
  async fromHeaders(headers: IncomingHttpHeaders): Promise<Identity | undefined> {
    const header = headers.authorization;
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const claims = match ? await verifyToken(match[1]) : undefined;
    if (!claims) throw unauthenticated('Invalid or expired token');
    const known = this.identities.get(claims);
    if (known) return known;
    const tenant = await this.tenant(claims.tid);
    if (!tenant) throw unauthenticated(`Unknown tenant ${claims.tid}`);
    const identity: Identity = Object.freeze({
      userId: claims.sub,
      tenantId: claims.tid,
      tenantKind: tenant.kind,
      partnerType: tenant.partnerType,
      roles: Object.freeze(claims.roles.filter((role) => ROLES_BY_KIND[tenant.kind].includes(role))) as Identity['roles'],
    });
    this.identities.set(claims, identity);
    return identity;
  }

  private async tenant(id: string): Promise<TenantInfo | undefined> {
    if (id === PLATFORM_TENANT) return { kind: 'PLATFORM' };
    const cached = this.tenants.get(id);
    if (cached) return cached;
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(id)) return undefined;
    // Bounded like every remote call: a stalled customers subgraph makes requests fail fast
    // with 503 instead of piling up in the gateway.
    let response: Response;
    try {
      // The caller's request id goes along, so the tenant lookup's log line joins the request's.
      const requestId = currentRequestId();
      const headers: Record<string, string> = { [SECRET_HEADER]: this.secret, ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}) };
      response = await fetch(`${this.customersBaseUrl}/internal/tenants/${id}`, { headers, signal: AbortSignal.timeout(remoteTimeoutMs()) });
    } catch {
      throw identityUnavailable();
    }
    if (response.status === 404) return undefined;
    if (!response.ok) throw identityUnavailable();
    const info = (await response.json()) as TenantInfo;
    if (this.tenants.size > 10_000) this.tenants.clear();
    this.tenants.set(id, info);
    return info;
  }
}

function identityUnavailable(): GraphQLError {
  return serviceUnavailable('customers', "the caller's tenant could not be looked up", { http: { status: 503 } });
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { forwardedCaller } from '../../../shared/auth/forwarded-caller';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Identity } from '../../../shared/auth/roles';
import { RequestClock } from '../../../shared/clock';
import { recordEvent } from '../../../shared/context';
import type { EntityManager } from '../../../shared/db/orm';
import { NO_REMOTE_CALLS } from '../../../shared/graph-client';
import { HttpError, sendJson } from '../../../shared/http';
import { newId } from '../../../shared/ids';
import { runUnit } from '../../../shared/unit-of-work';
import { SoftwareActivity, SoftwareActivityAction } from '../entities/software-activity.entity';
import { SoftwareDownloadLink } from '../entities/software-key.entity';
import { createLoaders } from '../loaders';
import type { SubscriptionsContext } from '../context';
import { ownSoftwareTarget } from './software-facts';
import { ensureServable } from './software-keys.service';
import { fileLocation, signatureMatches } from './software-links';
import { scopeToTenant } from '../../../shared/db/tenant-filter';

const PATH = /^\/internal\/software\/downloads\/([A-Za-z0-9_]{1,100})$/;

/**
 * SW-2: `GET /internal/software/downloads/<link>?expires=…&signature=…` (behind the gateway
 * secret; the gateway serves the public path and forwards the caller's identity). A link works
 * only with its signature, before it expires (business clock), while its purchase is live, and
 * only for the partner it was issued to (another partner gets 404, ACT-2). Each download is
 * logged in the activity log and the audit trail, in one unit; the answer names the file.
 */
export async function softwareDownloadRoute(req: IncomingMessage, res: ServerResponse, orm: MikroORM): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://subgraph');
  const match = req.method === 'GET' ? PATH.exec(url.pathname) : null;
  if (!match) return false;
  // SW-2: only an ADMIN_AGENT gets downloads, as it alone gets the links.
  const identity = forwardedCaller(req, 'generateSoftwareKeys', 'Not allowed for this role or partner type');
  const linkId = match[1];
  const expires = Number(url.searchParams.get('expires'));
  if (!Number.isInteger(expires) || !signatureMatches(linkId, expires, url.searchParams.get('signature') ?? '')) throw new HttpError(404, 'Not found');
  const location = await runUnit(unitContext(orm, identity), (tx) => download(tx, linkId, expires));
  sendJson(res, 200, location);
  return true;
}

/** In the unit: the link checked again under the target's lock, then the download logged. */
async function download(tx: SubscriptionsContext, linkId: string, expires: number): Promise<{ location: string; fileName: string }> {
  const identity = tx.identity!;
  // ACT-2: the tenant filter keeps the caller's own links (shared/db/tenant-filter.ts).
  const link = await tx.em.findOne(SoftwareDownloadLink, { id: linkId });
  if (!link || Math.floor(link.expiresAt.getTime() / 1000) !== expires) throw new HttpError(404, 'Not found');
  const now = await tx.clock.now();
  if (now.getTime() >= link.expiresAt.getTime()) throw new HttpError(410, 'This download link has expired; generate the keys again for new links');
  if (link.revokedAt) throw new HttpError(410, 'This download link was revoked when the purchase was cancelled');
  const target = await ownSoftwareTarget(tx.em, identity, link.subscriptionId ? { subscriptionId: link.subscriptionId } : { orderLineId: link.orderLineId }, true).catch(() => {
    throw new HttpError(404, 'Not found');
  });
  try {
    ensureServable(target);
  } catch (error) {
    throw new HttpError(410, (error as Error).message);
  }
  tx.em.create(SoftwareActivity, {
    id: newId('swa'),
    partnerId: identity.tenantId,
    userId: identity.userId,
    action: SoftwareActivityAction.DOWNLOADED,
    subscriptionId: link.subscriptionId,
    orderLineId: link.orderLineId,
    offerId: link.offerId,
    version: link.version,
    language: link.language,
    fileType: link.fileType,
    at: now,
  });
  recordEvent(tx, { resourceType: 'SoftwareDownload', resourceId: link.id, data: { version: link.version, fileName: link.fileName } });
  return { location: fileLocation(link.offerId, link.fileName), fileName: link.fileName };
}

/** A request context for the route's unit (the route is served outside GraphQL). */
function unitContext(orm: MikroORM, identity: Identity): SubscriptionsContext {
  const em = scopeToTenant(orm.em.fork() as EntityManager, identity);
  const clock = new RequestClock(em);
  return {
    identity,
    em,
    clock,
    loaders: createLoaders(em, identity, clock),
    loadersOn: (tx) => createLoaders(tx, identity, clock),
    graph: NO_REMOTE_CALLS,
    subgraph: 'subscriptions',
    operation: 'downloadSoftware',
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { sendJson } from '../../shared/http';
import { unscoped } from '../../shared/db/tenant-filter';
import { Customer } from './entities/customer.entity';
import { Partner } from './entities/partner.entity';

const PATH = /^\/internal\/tenants\/([A-Za-z0-9_.-]{1,100})$/;

/**
 * Internal endpoint (behind the gateway secret): what kind of tenant a token's `tid` names,
 * so the gateway can forward tenant kind and partner type with the verified identity.
 */
export async function tenantRoute(req: IncomingMessage, res: ServerResponse, orm: MikroORM): Promise<boolean> {
  const match = req.method === 'GET' ? PATH.exec(req.url ?? '') : null;
  if (!match) return false;
  const em = orm.em.fork();
  const partner = await em.findOne(Partner, { id: match[1] });
  if (partner) {
    sendJson(res, 200, { kind: 'PARTNER', partnerType: partner.type });
    return true;
  }
  // Asked before any caller is known (the gateway resolving a token's tenant): unscoped.
  const customer = await em.count(Customer, { id: match[1] }, unscoped());
  if (customer) sendJson(res, 200, { kind: 'CUSTOMER' });
  else sendJson(res, 404, { error: 'unknown tenant' });
  return true;
}

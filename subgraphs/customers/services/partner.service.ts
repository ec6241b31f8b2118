import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { recordEvent, requireIdentity } from '../../../shared/context';
import { badInput, forbidden } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { partnerIdFormat, requiredText } from '../../../shared/validation';
import { REGIONS } from '../../../shared/regions';
import { Partner } from '../entities/partner.entity';
import type { CustomersContext } from '../context';
import type { OnboardPartnerInput } from '../types/partner.types';

/** Partner tenants: onboarding by the operator and lookups. */
export class PartnerService {
  /** Onboards a partner tenant; the PartnerID is unique in the programme. Audited in the operator's tenant (AUD-1). */
  async onboard(ctx: CustomersContext, input: OnboardPartnerInput): Promise<{ partner: Partner }> {
    const name = requiredText(input.name, 'name');
    const partnerId = partnerIdFormat(input.partnerId, 'partnerId');
    if (!REGIONS.includes(input.region)) throw badInput('Unknown region', ['region']);
    const existing = await ctx.em.findOne(Partner, { partnerId });
    if (existing) throw badInput(`PartnerID ${partnerId} is already onboarded`, ['partnerId']);
    const partner = ctx.em.create(Partner, {
      id: newId('ptn'),
      name,
      type: input.type,
      partnerId,
      region: input.region,
      mpaSigned: input.mpaSigned ?? true,
      createdAt: await ctx.clock.now(),
    });
    try {
      await ctx.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw badInput(`PartnerID ${partnerId} is already onboarded`, ['partnerId']);
      throw error;
    }
    recordEvent(ctx, { resourceType: 'Partner', resourceId: partner.id });
    return { partner };
  }

  /** The calling partner's own record (it must exist for partner operations). */
  async current(ctx: CustomersContext): Promise<Partner> {
    const identity = requireIdentity(ctx);
    const partner = identity.tenantKind === 'PARTNER' ? await ctx.loaders.partner.load(identity.tenantId) : null;
    if (!partner) throw forbidden('The caller is not an onboarded partner');
    return partner;
  }
}

export const partnerService = new PartnerService();

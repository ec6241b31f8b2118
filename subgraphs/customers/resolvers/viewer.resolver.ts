import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireIdentity } from '../../../shared/context';
import { notFound } from '../../../shared/errors';
import { mutate } from '../../../shared/unit-of-work';
import { Partner } from '../entities/partner.entity';
import type { CustomersContext } from '../loaders';
import { partnerService } from '../services/partner.service';
import { sandboxClockService } from '../services/sandbox-clock.service';
import { OnboardPartnerInput, OnboardPartnerPayload, SetSandboxClockInput, SetSandboxClockPayload, Viewer } from '../types/partner.types';

@Resolver()
export class ViewerResolver {
  @Authorized()
  @Query(() => Viewer, { description: 'Who the caller is: tenant, user and roles (from the bearer token)' })
  async me(@Ctx() ctx: CustomersContext): Promise<Viewer> {
    const identity = requireIdentity(ctx);
    const tenant =
      identity.tenantKind === 'PARTNER'
        ? await ctx.loaders.partner.load(identity.tenantId)
        : identity.tenantKind === 'CUSTOMER'
          ? await ctx.loaders.customer.load(identity.tenantId)
          : null;
    return Object.assign(new Viewer(), { userId: identity.userId, roles: identity.roles, tenantId: identity.tenantId, tenant });
  }

  @Authorized()
  @Query(() => Partner, { description: 'A partner: the caller itself, or any partner for the operator' })
  async partner(@Ctx() ctx: CustomersContext, @Arg('id', () => ID, { description: 'Id of the partner tenant' }) id: string): Promise<Partner> {
    const identity = requireIdentity(ctx);
    const partner = identity.tenantKind === 'PLATFORM' || identity.tenantId === id ? await ctx.loaders.partner.load(id) : null;
    if (!partner) throw notFound('Partner', id);
    return partner;
  }

  @Authorized('onboardPartner')
  @Mutation(() => OnboardPartnerPayload, { description: 'Operator only: onboards a partner tenant' })
  onboardPartner(@Ctx() ctx: CustomersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: OnboardPartnerInput): Promise<OnboardPartnerPayload> {
    return mutate(ctx, OnboardPartnerPayload, (tx) => partnerService.onboard(tx, input));
  }

  @Authorized()
  @Query(() => Date, { description: 'The business clock now (sandbox time)' })
  sandboxClock(@Ctx() ctx: CustomersContext): Promise<Date> {
    return ctx.clock.now();
  }

  @Authorized('setSandboxClock')
  @Mutation(() => SetSandboxClockPayload, { description: 'Moves the business clock every subgraph and job reads' })
  setSandboxClock(@Ctx() ctx: CustomersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: SetSandboxClockInput): Promise<SetSandboxClockPayload> {
    return mutate(ctx, SetSandboxClockPayload, (tx) => sandboxClockService.set(tx, input));
  }
}

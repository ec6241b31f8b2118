import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireIdentity } from '../../../shared/context';
import { notFound } from '../../../shared/errors';
import { mutate } from '../../../shared/unit-of-work';
import { awaitClockListeners } from '../../../shared/clock-cache';
import { awaitReplicas } from '../../../shared/replication/wait';
import { Customer } from '../entities/customer.entity';
import { Partner } from '../entities/partner.entity';
import type { CustomersContext } from '../context';
import { partnerService } from '../services/partner.service';
import { sandboxClockService } from '../services/sandbox-clock.service';
import { OnboardPartnerInput, OnboardPartnerPayload, SetSandboxClockInput, SetSandboxClockPayload, Tenant, Viewer } from '../types/partner.types';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Authorized()
  @Query(() => Viewer, { description: 'Who the caller is: tenant, user and roles (from the bearer token)' })
  me(@Ctx() ctx: CustomersContext): Viewer {
    const identity = requireIdentity(ctx);
    return Object.assign(new Viewer(), { userId: identity.userId, roles: identity.roles, tenantId: identity.tenantId });
  }

  /** Read only when asked: `{ me { userId } }` needs no database. */
  @FieldResolver(() => Tenant, { nullable: true, description: "The caller's tenant" })
  async tenant(@Ctx() ctx: CustomersContext): Promise<Partner | Customer | null> {
    const identity = requireIdentity(ctx);
    if (identity.tenantKind === 'PARTNER') return ctx.loaders.partner.load(identity.tenantId);
    if (identity.tenantKind === 'CUSTOMER') return ctx.loaders.customer.load(identity.tenantId);
    return null;
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
  async setSandboxClock(@Ctx() ctx: CustomersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: SetSandboxClockInput): Promise<SetSandboxClockPayload> {
    // Subgraphs on other databases read the clock from their copy, processes on this one keep it
    // in memory: answer once they all have the change.
    const payload = await mutate(ctx, SetSandboxClockPayload, (tx) => sandboxClockService.set(tx, input));
    await awaitReplicas(ctx.em);
    await awaitClockListeners(ctx.em);
    return payload;
  }
}

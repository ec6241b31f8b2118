import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../../shared/graphql/connection';
import { addDuration, DurationScalar } from '../../../shared/graphql/duration';
import { toSoonestPage } from '../../../shared/graphql/soonest-first';
import { PartnerRef } from '../entities/partner-ref';
import type { TransfersContext } from '../context';
import { eaAgreementsExpiring, pendingTransfers } from '../services/dashboard.service';
import { EnterpriseAgreementConnection } from '../types/dashboard.types';
import { TransferRequestConnection } from '../types/transfer-payloads.types';

/** API.md "Dashboard fields": channel transfers waiting on the signed-in partner (ACT-2: its own partner only). */
@Resolver(() => PartnerRef)
export class PartnerTransfersDashboardResolver {
  @FieldResolver(() => EnterpriseAgreementConnection, {
    description:
      'EA-2: Enterprise Agreements of your customers (EA-1: relationship in their region) ending within `within` of today, soonest first, with each subscription\'s availability (EA-3); empty for roles that may not view agreements',
  })
  async eaAgreementsExpiring(
    @Ctx() ctx: TransfersContext,
    @Root() partner: PartnerRef,
    @Args() args: PageArgs,
    @Arg('within', () => DurationScalar, { defaultValue: 'P180D', description: 'How far ahead to look (ISO 8601 duration)' }) within: string,
  ) {
    const page = toSoonestPage(args);
    const now = await ctx.clock.now();
    return eaAgreementsExpiring(ctx, partner.id, now, addDuration(now, within), page);
  }

  @FieldResolver(() => TransferRequestConnection, {
    description: 'XFR-1: PENDING transfer requests naming you as source (to accept or reject) or target (awaiting the source), soonest to expire first',
  })
  pendingTransfers(@Ctx() ctx: TransfersContext, @Root() partner: PartnerRef, @Args() args: PageArgs) {
    return pendingTransfers(ctx, partner.id, toSoonestPage(args));
  }
}

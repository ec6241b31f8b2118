import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, toPage } from '../../../shared/graphql/connection';
import { mutate } from '../../../shared/unit-of-work';
import { ResellerInvitation } from '../entities/reseller-invitation.entity';
import type { CustomersContext } from '../context';
import { resellerInvitationUrl } from '../services/links';
import { resellerService } from '../services/reseller.service';
import {
  AcceptResellerPartnershipInput,
  AcceptResellerPartnershipPayload,
  PartnerConnection,
  PartnerIdVerification,
  RemoveResellerPartnershipInput,
  RemoveResellerPartnershipPayload,
  RequestResellerPartnershipInput,
  RequestResellerPartnershipPayload,
} from '../types/reseller.types';

@Resolver(() => ResellerInvitation)
export class ResellerResolver {
  @Authorized()
  @Query(() => PartnerConnection, { description: "RES-1: the provider's active resellers (for a reseller: its providers)" })
  indirectResellers(@Ctx() ctx: CustomersContext, @Args() page: PageArgs) {
    return resellerService.list(ctx, toPage(page));
  }

  @Authorized()
  @Query(() => PartnerIdVerification, { description: 'RES-2: whether a PartnerID is an onboarded indirect reseller with a signed MPA' })
  async verifyPartnerId(@Ctx() ctx: CustomersContext, @Arg('partnerId', { description: 'The PartnerID (MPN id) to check' }) partnerId: string): Promise<PartnerIdVerification> {
    return Object.assign(new PartnerIdVerification(), await resellerService.verifyPartnerId(ctx, partnerId));
  }

  @Authorized()
  @Query(() => ResellerInvitation, {
    nullable: true,
    description: 'RES-1: one reseller invitation by the id in its link: for the provider that sent it, or for a partner while it is open or once that partner accepted it',
  })
  resellerInvitation(@Ctx() ctx: CustomersContext, @Arg('id', () => ID, { description: 'Id of the invitation (the last part of its link)' }) id: string) {
    return resellerService.findInvitation(ctx, id);
  }

  @Authorized('requestResellerPartnership')
  @Mutation(() => RequestResellerPartnershipPayload, { description: 'RES-1: invites an indirect reseller to a partnership' })
  requestResellerPartnership(@Ctx() ctx: CustomersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: RequestResellerPartnershipInput): Promise<RequestResellerPartnershipPayload> {
    return mutate(ctx, RequestResellerPartnershipPayload, (tx) => resellerService.request(tx, input));
  }

  @Authorized('acceptResellerPartnership')
  @Mutation(() => AcceptResellerPartnershipPayload, { description: "RES-1: the reseller's ADMIN_AGENT accepts an invitation" })
  acceptResellerPartnership(@Ctx() ctx: CustomersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: AcceptResellerPartnershipInput): Promise<AcceptResellerPartnershipPayload> {
    return mutate(ctx, AcceptResellerPartnershipPayload, (tx) => resellerService.accept(tx, input));
  }

  @Authorized('removeResellerPartnership')
  @Mutation(() => RemoveResellerPartnershipPayload, { description: 'RES-5: ends a partnership (attestation required)' })
  removeResellerPartnership(@Ctx() ctx: CustomersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: RemoveResellerPartnershipInput): Promise<RemoveResellerPartnershipPayload> {
    return mutate(ctx, RemoveResellerPartnershipPayload, (tx) => resellerService.remove(tx, input));
  }

  @FieldResolver(() => String, { description: 'Name of the indirect provider that sent the invitation' })
  async providerName(@Ctx() ctx: CustomersContext, @Root() invitation: ResellerInvitation): Promise<string> {
    return (await ctx.loaders.partner.load(invitation.providerId))?.name ?? '';
  }

  @FieldResolver(() => String, { description: 'RES-1: the link the reseller opens to accept' })
  url(@Root() invitation: ResellerInvitation): string {
    return resellerInvitationUrl(invitation.id);
  }

  @FieldResolver(() => String, { description: 'RES-1: draft email text to the reseller, containing the link' })
  async emailDraft(@Ctx() ctx: CustomersContext, @Root() invitation: ResellerInvitation): Promise<string> {
    const provider = await ctx.loaders.partner.load(invitation.providerId);
    return resellerService.emailDraft(invitation, provider?.name ?? 'Your provider');
  }
}

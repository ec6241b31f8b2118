import { recordEvent, requireIdentity } from '../../../shared/context';
import { unscoped } from '../../../shared/db/tenant-filter';
import { badInput, ensure, notFound } from '../../../shared/errors';
import { toConnection, type Page } from '../../../shared/graphql/connection';
import { newId } from '../../../shared/ids';
import * as v from '../../../shared/validation';
import { Partner } from '../entities/partner.entity';
import { ResellerInvitation } from '../entities/reseller-invitation.entity';
import { ResellerPartnership } from '../entities/reseller-partnership.entity';
import type { CustomersContext } from '../context';
import { flushOrConflict } from './flush';
import type { AcceptResellerPartnershipInput, RemoveResellerPartnershipInput, RequestResellerPartnershipInput } from '../types/reseller.types';
import { invitationEmailDraft, resellerInvitationUrl } from './links';
import { partnerService } from './partner.service';
import { resellerVerdict } from './policies';

export interface PartnerIdVerificationResult {
  partnerId: string;
  valid: boolean;
  name?: string;
  reason?: string;
}

const REASONS: Record<string, string> = {
  NOT_ONBOARDED: 'No partner with this PartnerID is onboarded in the programme',
  NOT_A_RESELLER: 'The partner is not an indirect reseller',
  MPA_NOT_SIGNED: 'The partner has not signed the partner agreement (MPA)',
  INVALID_FORMAT: 'A PartnerID has 6 to 10 digits',
};

/** Indirect provider ↔ reseller partnerships (SPEC §3). */
export class ResellerService {
  /** A reseller by tenant id or PartnerID (RES-2: named resellers are verified). */
  async findReseller(ctx: CustomersContext, idOrPartnerId: string): Promise<Partner | null> {
    const key = idOrPartnerId.trim();
    if (!key || key.length > 100) return null;
    return ctx.em.findOne(Partner, /^\d+$/.test(key) ? { partnerId: key } : { id: key });
  }

  /** RES-2: "reseller not listed? enter PartnerID and verify" — never throws for unknown ids. */
  async verifyPartnerId(ctx: CustomersContext, partnerId: string): Promise<PartnerIdVerificationResult> {
    const text = partnerId.trim();
    if (text.length > 50) throw badInput('partnerId must be at most 50 characters', ['partnerId']);
    // A tenant id is accepted too, so callers holding a reseller's id can verify it the same way.
    const isPartnerId = /^\d{6,10}$/.test(text);
    if (!isPartnerId && !/^[A-Za-z][A-Za-z0-9_-]{0,99}$/.test(text)) return { partnerId: text, valid: false, reason: REASONS.INVALID_FORMAT };
    const partner = await ctx.em.findOne(Partner, isPartnerId ? { partnerId: text } : { id: text });
    const verdict = resellerVerdict(partner);
    return verdict.valid
      ? { partnerId: text, valid: true, name: partner!.name }
      : { partnerId: text, valid: false, name: partner?.name, reason: REASONS[verdict.reason] };
  }

  /**
   * RES-1: one invitation, read through its link: by the provider that sent it, or by another
   * partner (the invitee) while it is open or once that partner accepted it; else null (ACT-2).
   */
  async findInvitation(ctx: CustomersContext, id: string): Promise<ResellerInvitation | null> {
    requireIdentity(ctx);
    // The tenant filter decides who may read it (visibility.ts).
    return ctx.em.findOne(ResellerInvitation, { id: v.requiredText(id, 'id', 100) });
  }

  /**
   * The active partnership of a provider with a reseller (RES-3, RES-5), if any. A rule about two
   * named partners, also asked while a customer accepts a request naming them: unscoped.
   */
  activePartnership(ctx: CustomersContext, providerId: string, resellerId: string): Promise<ResellerPartnership | null> {
    return ctx.em.findOne(ResellerPartnership, { providerId, resellerId, status: 'ACTIVE' }, unscoped());
  }

  /**
   * RES-3: a reseller may be named on a customer or request only by an indirect provider
   * that has an active partnership with it, and only while it is a valid reseller (RES-2).
   */
  async ensurePartneredReseller(ctx: CustomersContext, provider: Partner, resellerId: string, field: string[]): Promise<Partner> {
    ensure(provider.type === 'INDIRECT_PROVIDER', 'INVALID_RESELLER', 'Only an indirect provider can name an indirect reseller', 'RES-3', field);
    const reseller = await this.findReseller(ctx, resellerId);
    ensure(resellerVerdict(reseller).valid, 'INVALID_RESELLER', `${resellerId} is not an onboarded indirect reseller with a signed MPA`, 'RES-2', field);
    const partnership = await this.activePartnership(ctx, provider.id, reseller!.id);
    ensure(partnership, 'INVALID_RESELLER', `No active partnership with reseller ${resellerId}`, 'RES-3', field);
    return reseller!;
  }

  /** RES-1: an invitation (link and draft email) to the reseller's email address. */
  async request(ctx: CustomersContext, input: RequestResellerPartnershipInput): Promise<{ invitation: ResellerInvitation }> {
    const provider = await partnerService.current(ctx);
    const resellerEmail = v.email(input.resellerEmail, 'resellerEmail');
    let resellerPartnerId: string | undefined;
    if (input.resellerPartnerId !== undefined && input.resellerPartnerId !== null) {
      const reseller = await this.findReseller(ctx, v.requiredText(input.resellerPartnerId, 'resellerPartnerId', 100));
      ensure(resellerVerdict(reseller).valid, 'INVALID_RESELLER', `${input.resellerPartnerId} is not an onboarded indirect reseller with a signed MPA`, 'RES-2', ['resellerPartnerId']);
      resellerPartnerId = reseller!.partnerId;
    }
    const invitation = ctx.em.create(ResellerInvitation, {
      id: newId('inv'),
      providerId: provider.id,
      resellerEmail,
      resellerPartnerId,
      createdAt: await ctx.clock.now(),
    });
    await ctx.em.flush();
    recordEvent(ctx, { resourceType: 'ResellerInvitation', resourceId: invitation.id, data: { resellerEmail, resellerPartnerId: resellerPartnerId ?? null } });
    return { invitation };
  }

  emailDraft(invitation: ResellerInvitation, providerName: string): string {
    return invitationEmailDraft(providerName, invitation.resellerEmail, resellerInvitationUrl(invitation.id));
  }

  /**
   * RES-1/RES-2: the invited reseller accepts; it must be onboarded with a signed MPA and, when
   * the provider named a PartnerID, be that partner. Accepting twice is harmless.
   */
  async accept(ctx: CustomersContext, input: AcceptResellerPartnershipInput): Promise<{ partnership: ResellerPartnership }> {
    const reseller = await partnerService.current(ctx);
    const invitation = await ctx.em.findOne(ResellerInvitation, { id: v.requiredText(input.invitationId, 'invitationId', 100) });
    if (!invitation) throw notFound('ResellerInvitation', input.invitationId);
    ensure(resellerVerdict(reseller).valid, 'INVALID_RESELLER', 'Only an onboarded indirect reseller with a signed MPA can accept', 'RES-2');
    ensure(
      !invitation.resellerPartnerId || invitation.resellerPartnerId === reseller.partnerId,
      'INVALID_RESELLER',
      'This invitation was addressed to another PartnerID',
      'RES-2',
      ['invitationId'],
    );
    ensure(
      invitation.status === 'PENDING' || invitation.resellerId === reseller.id,
      'INVALID_RESELLER',
      'This invitation was already accepted by another reseller',
      'RES-1',
      ['invitationId'],
    );
    const now = await ctx.clock.now();
    invitation.status = 'ACCEPTED';
    invitation.resellerId = reseller.id;
    invitation.acceptedAt ??= now;
    const existing = await this.activePartnership(ctx, invitation.providerId, reseller.id);
    const partnership =
      existing ??
      ctx.em.create(ResellerPartnership, { id: newId('rsp'), providerId: invitation.providerId, resellerId: reseller.id, invitationId: invitation.id, createdAt: now });
    await flushOrConflict(ctx, 'The partnership');
    const event = { resourceType: 'ResellerPartnership', resourceId: partnership.id, data: { invitationId: input.invitationId } };
    // AUD-1: the provider's reseller list changed too, so its audit trail records it as well.
    recordEvent(ctx, event, { ...event, tenantId: partnership.providerId });
    return { partnership };
  }

  /**
   * RES-5: removal needs the provider's good-faith attestation; customers associated with the
   * reseller keep their relationships (and the reseller its delegated access), only the
   * partnership ends, so the reseller leaves the provider's list.
   */
  async remove(ctx: CustomersContext, input: RemoveResellerPartnershipInput): Promise<{ removed: boolean }> {
    const provider = await partnerService.current(ctx);
    const resellerId = v.requiredText(input.resellerId, 'resellerId', 100);
    ensure(input.attestation === true, 'ATTESTATION_REQUIRED', 'Removing a reseller partnership requires your attestation of good faith', 'RES-5', ['attestation']);
    const partnership = await this.activePartnership(ctx, provider.id, resellerId);
    if (!partnership) throw notFound('ResellerPartnership', resellerId);
    partnership.status = 'REMOVED';
    partnership.removedAt = await ctx.clock.now();
    partnership.removedBy = requireIdentity(ctx).userId;
    await ctx.em.flush();
    // AUD-1: the attestation RES-5 demands is kept with the audit row.
    recordEvent(ctx, { resourceType: 'ResellerPartnership', resourceId: partnership.id, data: { resellerId: partnership.resellerId, attestation: true } });
    return { removed: true };
  }

  /**
   * RES-1: a provider's active resellers; for a reseller, its providers (ACT-1 read-only view).
   */
  async list(ctx: CustomersContext, page: Page) {
    const identity = requireIdentity(ctx);
    if (identity.tenantKind !== 'PARTNER') return toConnection([], page, 0);
    const asReseller = identity.partnerType === 'INDIRECT_RESELLER';
    // The tenant filter keeps the caller's partnerships (visibility.ts); the partner type picks the side.
    const side = asReseller ? { resellerId: identity.tenantId } : { providerId: identity.tenantId };
    const partnerships = await ctx.em.find(ResellerPartnership, { ...side, status: 'ACTIVE' }, { fields: ['providerId', 'resellerId'] });
    const ids = partnerships.map((p) => (asReseller ? p.providerId : p.resellerId));
    const pageWhere = page.afterId ? { id: { $in: ids, $gt: page.afterId } } : { id: { $in: ids } };
    const rows = await ctx.em.find(Partner, pageWhere, { orderBy: { id: 'asc' }, limit: page.first + 1 });
    return toConnection(rows, page, ids.length);
  }
}

export const resellerService = new ResellerService();

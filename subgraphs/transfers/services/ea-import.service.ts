import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { recordEvent } from '../../../shared/context';
import { badInput, conflict, notFound } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import * as v from '../../../shared/validation';
import { EaRenewalSchedule } from '../entities/ea-renewal-schedule.entity';
import { EaSubscription, EnterpriseAgreement } from '../entities/enterprise-agreement.entity';
import type { TransfersContext } from '../context';
import { EaRenewalStatus, type ImportEnterpriseAgreementInput } from '../types/ea.types';
import { isCommercialOffer, offersByProvisioningId, type OfferFacts } from './catalog-facts';
import { customersPeer } from '../peers/customers';

export interface ImportFacts {
  customerKnown: boolean;
  /** EA-3/EA-4: the catalog offer per provisioning id (end-of-sale included). */
  offers: Map<string, OfferFacts>;
}

const MAX_SUBSCRIPTIONS = 500;

/** Before the import unit: the customer (the operator sees every one) and the catalog's SKUs. */
export async function readImportFacts(ctx: TransfersContext, input: ImportEnterpriseAgreementInput): Promise<ImportFacts> {
  const customerId = v.requiredText(input.customerId, 'customerId', 100);
  const [customerKnown, offers] = await Promise.all([
    customersPeer.customerKnown(ctx.graph, customerId),
    offersByProvisioningId(ctx.graph, (input.subscriptions ?? []).map((s) => s.offerProvisioningId.trim())),
  ]);
  return { customerKnown, offers };
}

/**
 * The operator's import of one agreement (SPEC §9), idempotent by agreement number: a new number
 * creates the agreement, a known one updates it (end date, extended term, renewed in the EA
 * channel) and its subscriptions, matched by the EA system's subscription id, or by SKU when the
 * import gives none. Schedules are never edited,
 * except that an agreement renewed in the EA channel cancels its open schedules (EA-2).
 */
export async function importAgreement(tx: TransfersContext, input: ImportEnterpriseAgreementInput, facts: ImportFacts): Promise<{ agreement: EnterpriseAgreement }> {
  const customerId = v.requiredText(input.customerId, 'customerId', 100);
  const number = v.requiredText(input.number, 'number', 50);
  if (!facts.customerKnown) throw notFound('Customer', customerId);
  const lines = validLines(input);
  const now = await tx.clock.now();

  const found: EnterpriseAgreement | null = await tx.em.findOne(EnterpriseAgreement, { number }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (found) await tx.em.populate(found, ['subscriptions'], { refresh: true });
  if (found && found.customerId !== customerId) throw badInput(`Agreement ${number} belongs to another customer`, ['customerId']);
  const created = !found;
  const agreement = found ?? tx.em.create(EnterpriseAgreement, { id: newId('ea'), customerId, number, endDate: input.endDate, importedAt: now });
  const wasRenewed = agreement.renewed;
  agreement.endDate = input.endDate;
  agreement.inExtendedTerm = input.inExtendedTerm ?? false;
  agreement.renewed = input.renewed ?? false;
  agreement.importedAt = now;

  const match = matcher(agreement.subscriptions.getItems());
  for (const line of lines) {
    const offer = facts.offers.get(line.provisioningId);
    // EA-3: the EA system's flag, and the catalog's segments, both say whether a SKU is commercial.
    const commercial = (line.commercial ?? true) && (!offer || isCommercialOffer(offer));
    const row = match(line) ?? tx.em.create(EaSubscription, { id: newId('eas'), agreement, provisioningId: line.provisioningId, quantity: line.quantity, endDate: line.endDate });
    if (line.eaSystemId) row.eaSystemId = line.eaSystemId;
    row.quantity = line.quantity;
    row.endDate = line.endDate;
    row.commercial = commercial;
    row.offerId = offer?.id ?? null;
  }

  if (agreement.renewed && !wasRenewed) await cancelOpenSchedules(tx, agreement, now);
  try {
    await tx.em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict(`Agreement ${number} is being imported by another request; retry`);
    throw error;
  }
  recordEvent(tx, { resourceType: 'EnterpriseAgreement', resourceId: agreement.id, data: { number, customerId, created, renewed: agreement.renewed, endDate: agreement.endDate } });
  return { agreement };
}

interface Line {
  provisioningId: string;
  quantity: number;
  endDate: string;
  commercial?: boolean;
  /** The EA system's own id of the subscription, when the import gives it. */
  eaSystemId?: string;
}

/**
 * Which stored EA subscription an imported line is: the one with its EA system id; without
 * that, the one of its SKU that has no EA system id (a line with an id also takes over such a
 * row, imported before ids were given). Each stored row is matched once.
 */
function matcher(stored: EaSubscription[]): (line: Line) => EaSubscription | undefined {
  const taken = new Set<EaSubscription>();
  return (line) => {
    const byId = line.eaSystemId ? stored.find((s) => s.eaSystemId === line.eaSystemId && !taken.has(s)) : undefined;
    const row = byId ?? stored.find((s) => !s.eaSystemId && s.provisioningId === line.provisioningId && !taken.has(s));
    if (row) taken.add(row);
    return row;
  };
}

/**
 * Lines as the EA system sends them. An EA subscription is identified by its `eaSubscriptionId`
 * when given (unique within the import), otherwise by its SKU (then listed once).
 */
function validLines(input: ImportEnterpriseAgreementInput): Line[] {
  const subscriptions = input.subscriptions ?? [];
  if (subscriptions.length > MAX_SUBSCRIPTIONS) throw badInput(`An agreement lists at most ${MAX_SUBSCRIPTIONS} subscriptions`, ['subscriptions']);
  const seenSkus = new Set<string>();
  const seenIds = new Set<string>();
  return subscriptions.map((s, index) => {
    const provisioningId = v.requiredText(s.offerProvisioningId, `subscriptions.${index}.offerProvisioningId`, 200);
    const eaSystemId = v.optionalText(s.eaSubscriptionId, `subscriptions.${index}.eaSubscriptionId`, 100);
    if (eaSystemId) {
      if (seenIds.has(eaSystemId)) throw badInput(`EA subscription ${eaSystemId} is listed twice`, ['subscriptions', String(index), 'eaSubscriptionId']);
      seenIds.add(eaSystemId);
    } else {
      if (seenSkus.has(provisioningId)) throw badInput(`${provisioningId} is listed twice: give each its eaSubscriptionId`, ['subscriptions', String(index), 'offerProvisioningId']);
      seenSkus.add(provisioningId);
    }
    return { provisioningId, quantity: v.positiveInt(s.quantity, `subscriptions.${index}.quantity`), endDate: s.endDate, commercial: s.commercial ?? undefined, eaSystemId };
  });
}

/** EA-2: the agreement was renewed in the EA channel: schedules not yet processed are cancelled. */
async function cancelOpenSchedules(tx: TransfersContext, agreement: EnterpriseAgreement, now: Date): Promise<void> {
  const ids = agreement.subscriptions.getItems().map((s) => s.id);
  if (!ids.length) return;
  const open = await tx.em.find(EaRenewalSchedule, { eaSubscriptionId: { $in: ids }, status: EaRenewalStatus.SCHEDULED }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  for (const schedule of open) {
    schedule.status = EaRenewalStatus.CANCELLED;
    schedule.cancelledAt = now;
    schedule.statusReason = `Agreement ${agreement.number} was renewed in the EA channel`;
    recordEvent(tx, { tenantId: schedule.partnerId, resourceType: 'EaRenewalSchedule', resourceId: schedule.id, data: { status: schedule.status, reason: schedule.statusReason } });
  }
}

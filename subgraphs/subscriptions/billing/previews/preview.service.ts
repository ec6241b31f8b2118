import Decimal from 'decimal.js';
import { BusinessRuleError, BusinessRuleErrors } from '../../../../shared/errors';
import { Money, UserError } from '../../../../shared/graphql/types';
import { formatMoney } from '../../../../shared/money';
import { runUnit } from '../../../../shared/unit-of-work';
import type { SubscriptionsContext } from '../../context';
import { billingSummary } from '../schedule/commitment.policy';
import { newPreviewSink, type PreviewSink } from './preview-sink';
import { ChangePreview, PreviewLine } from '../../../../shared/graphql/preview.types';

/** Thrown at the end of a previewed change so that its transaction rolls back. */
class PreviewRollback extends Error {}

const money = (amount: Decimal.Value, currency: string) => Object.assign(new Money(), { amount: formatMoney(amount, currency), currency });

/** BIL-6: the preview of what `sink` collected. */
function previewOf(sink: PreviewSink): ChangePreview {
  const lines = sink.records.map((r) =>
    Object.assign(new PreviewLine(), {
      subscriptionId: r.subscriptionId,
      chargeType: r.chargeType,
      amount: money(r.kind === 'CHARGE' ? r.amount : new Decimal(r.amount).neg(), r.currency),
      chargeStart: r.chargeStart,
      chargeEnd: r.chargeEnd,
    }),
  );
  const currency = sink.records[0]?.currency ?? [...sink.states.values()][0]?.currency ?? null;
  const sum = (kinds: string[]) => sink.records.filter((r) => kinds.includes(r.kind)).reduce((total, r) => total.plus(r.amount), new Decimal(0));
  // The soonest next charge of the subscriptions the change touches, all of those due then together.
  const next = [...sink.states.values()].map((state) => ({ state, summary: billingSummary(state, []) })).filter((n) => n.summary.nextChargeAt);
  const soonest = next.reduce<Date | null>((min, n) => (!min || n.summary.nextChargeAt!.getTime() < min.getTime() ? n.summary.nextChargeAt : min), null);
  const due = next.filter((n) => soonest && n.summary.nextChargeAt!.getTime() === soonest.getTime());
  const dueAmount = due.reduce((total, n) => total.plus(n.summary.nextChargeAmount ?? 0), new Decimal(0));
  return Object.assign(new ChangePreview(), {
    lines,
    charge: currency ? money(sum(['CHARGE']), currency) : null,
    refund: currency ? money(sum(['REFUND', 'CREDIT']), currency) : null,
    nextChargeAt: soonest,
    nextChargeAmount: soonest && due[0] ? money(dueAmount, due[0].state.currency ?? currency ?? 'USD') : null,
    errors: [],
  });
}

/**
 * BIL-6: runs a money-moving change exactly as its mutation does — the same facts read first,
 * the same service code in one unit of work — and rolls the unit back at its end: nothing is
 * committed, no audit record or outbox event is written. Answers the charges and credits the
 * change booked, its refund and the next charge, or the refusals its mutation would return.
 */
export async function previewChange<F>(ctx: SubscriptionsContext, facts: (c: SubscriptionsContext) => Promise<F>, work: (tx: SubscriptionsContext, facts: F) => Promise<unknown>): Promise<ChangePreview> {
  const sink = newPreviewSink();
  const previewing = Object.assign({}, ctx, { previewSink: sink }) as SubscriptionsContext;
  try {
    const known = await facts(previewing);
    await runUnit(previewing, async (tx) => {
      await work(tx, known);
      throw new PreviewRollback();
    });
  } catch (error) {
    if (error instanceof PreviewRollback) return previewOf(sink);
    if (error instanceof BusinessRuleError) {
      const all = error instanceof BusinessRuleErrors ? error.all : [error];
      return Object.assign(new ChangePreview(), { lines: [], charge: null, refund: null, nextChargeAt: null, nextChargeAmount: null, errors: all.map((e) => UserError.from(e)) });
    }
    throw error;
  }
  throw new Error('unreachable: a preview always rolls back');
}

import type { ChargeType } from '../../../../shared/graphql/enums';
import type { LedgerKind, SubscriptionState } from '../../transitions/model';

/** BIL-6: one charge, refund or credit a change would book. */
export interface PreviewRecord {
  subscriptionId: string;
  kind: LedgerKind;
  chargeType: ChargeType | null;
  /** Positive, as the ledger keeps it; `kind` says its direction. */
  amount: string;
  currency: string;
  chargeStart: Date | null;
  chargeEnd: Date | null;
}

/**
 * BIL-6: where a preview collects what the change's own code books, while the change runs in a
 * transaction that is then rolled back: the ledger lines, and each subscription's state after.
 */
export interface PreviewSink {
  records: PreviewRecord[];
  states: Map<string, SubscriptionState>;
}

export const newPreviewSink = (): PreviewSink => ({ records: [], states: new Map() });

/** The sink of a unit of work run for a preview, if it is one. */
export function previewSinkOf(tx: object): PreviewSink | undefined {
  return (tx as { previewSink?: PreviewSink }).previewSink;
}

import type { EventConsumer } from '../../../shared/events/consumers';
import type { SubscriptionsLoaders } from '../context';
import { eaRenewalCommand, provisionEaRenewal } from '../channel-transfers/ea-renewal.service';
import { moveSubscriptions, transferCommand } from '../channel-transfers/transfer-move.service';

/** EA-8: the transfers subgraph's due EA renewals become CSP subscriptions here. */
export const eaRenewalsConsumer: EventConsumer<SubscriptionsLoaders> = {
  name: 'subscriptions.ea-renewals',
  types: ['EA_RENEWAL_REQUESTED'],
  handle: (tx, event) => provisionEaRenewal(tx, eaRenewalCommand(event)),
};

/** XFR-2: an accepted transfer request moves its subscriptions here, all or none. */
export const transfersConsumer: EventConsumer<SubscriptionsLoaders> = {
  name: 'subscriptions.transfers',
  types: ['TRANSFER_ACCEPTED'],
  handle: (tx, event) => moveSubscriptions(tx, transferCommand(event)),
};

import type { EventConsumer } from '../../../shared/events/consumers';
import type { SubscriptionsLoaders } from '../loaders';
import { eaRenewalCommand, provisionEaRenewal } from '../services/ea-renewal.service';
import { moveSubscriptions, transferCommand } from '../services/transfer-move.service';

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

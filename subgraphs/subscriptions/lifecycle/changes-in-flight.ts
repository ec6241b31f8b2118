import type { RequestContext } from '../../../shared/context';
import { conflict } from '../../../shared/errors';
import { changesRefusedInFlight } from '../../../shared/metrics';

/** What a change calls once its glance has found the caller's subscription: it holds it, or answers CONFLICT. */
export type Claim = () => void;

/**
 * SUB-11: the subscriptions whose quantity this process is changing right now, each under its
 * partner (the only tenant that may change it, as the unit's `owned` read says). A second change
 * of one of them by its partner answers CONFLICT at once, before it reads anything or opens a
 * transaction: the answer its unit would get from the row lock the first change holds (`for
 * update nowait`), without a statement, a transaction, a driver error and a rollback. Colliding
 * clients then leave the cores to the change that wins.
 *
 * A subscription is held only once a change's glance has found it among the caller's own, so a
 * held key proves the caller's partner owns it: no caller learns anything of a subscription it
 * may not change (another partner's request, or one for an id that does not exist, reads and is
 * answered NOT_FOUND as before).
 *
 * Nothing here is the guarantee: the row lock still claims the subscription against other
 * processes and every other writer, and the update's version check still refuses a lost update.
 */
export class ChangesInFlight {
  private readonly held = new Set<string>();

  /** `change`: what the changes are, as the metric names them. */
  constructor(private readonly change: string) {}

  /**
   * Runs `change` for the caller's subscription `subscriptionId`; `claim`, called once its glance
   * found it, holds it until `change` settles (answered, refused or failed).
   */
  async run<T>(ctx: RequestContext<unknown>, subscriptionId: unknown, change: (claim: Claim) => Promise<T>): Promise<T> {
    const key = keyOf(ctx, subscriptionId);
    if (key !== null && this.held.has(key)) throw this.refused(subscriptionId as string);
    let mine = false;
    try {
      return await change(() => {
        if (key === null || mine) return;
        if (this.held.has(key)) throw this.refused(subscriptionId as string);
        this.held.add(key);
        mine = true;
      });
    } finally {
      if (mine) this.held.delete(key!);
    }
  }

  private refused(subscriptionId: string) {
    changesRefusedInFlight.inc({ change: this.change });
    return beingChanged(subscriptionId);
  }

  /** How many subscriptions changes of this process hold now. */
  get size(): number {
    return this.held.size;
  }
}

/** The subscription under the partner that may change it; null when the caller is no partner (it owns none). */
function keyOf(ctx: RequestContext<unknown>, subscriptionId: unknown): string | null {
  const identity = ctx.identity;
  if (identity?.tenantKind !== 'PARTNER' || typeof subscriptionId !== 'string') return null;
  return `${identity.tenantId}\u0000${subscriptionId}`;
}

/** SUB-11: the CONFLICT of a change that met another change of the subscription in flight (in this process, or holding its row). */
export function beingChanged(subscriptionId: string) {
  return conflict(`Subscription ${subscriptionId} is being changed by a concurrent request: reload and retry (SUB-11)`);
}

/** The quantity changes of this process. */
export const quantityChangesInFlight = new ChangesInFlight('quantity');

import type { Graph } from '../../../shared/graph-client';
import { customersPeer, type CustomerFacts } from '../peers/customers';
import type { Subscription } from '../entities/subscription.entity';
import type { PricedOffer } from '../transitions/subscription-transitions';
import type { TermPrice } from '../transitions/model';
import { graphTrialConverter, type PaidEquivalent, type TrialConverter } from './renewal-conversion';
import { graphRenewalPricer, type RenewalPricer } from './renewal-pricing';
import { graphOfferPricer, type OfferPricer } from './scheduled-change-facts';

/** The customers of a batch's due subscriptions as the customers subgraph shows them, by id (null: unknown). */
export type BatchCustomers = ReadonlyMap<string, Pick<CustomerFacts, 'country' | 'segment'> | null>;

/**
 * Where due work reads the facts other subgraphs own (TRI-2, SCH-1, BIL-5), for a whole batch of
 * due subscriptions at once: each fact is one request per batch, never one per subscription.
 * Without `convertTrials`, trials with autorenew are left for a process that has it; without
 * `priceOffers`, a renewal with a scheduled SKU fails and is retried; without `priceRenewals`, a
 * renewal keeps its list price.
 */
export interface DueFactsSource {
  /** The customers' markets and segments, read once for the batch (customers subgraph). */
  customers?: (ids: readonly string[]) => Promise<BatchCustomers>;
  convertTrials?: TrialConverter;
  priceOffers?: OfferPricer;
  priceRenewals?: RenewalPricer;
}

/** What one due subscription needs to be settled, besides its own rows. */
export interface FactsNeed {
  subscription: Subscription;
  /** TRI-2: a trial with autorenew, to convert. */
  convert: boolean;
  /** SCH-1: the SKU its scheduled change upgrades (or converts) to. */
  scheduledOfferId: string | null;
  /** BIL-5, BIL-7: its next term is priced by the catalog. */
  reprice: boolean;
}

/** The facts a due subscription is settled with (read before its unit, with no transaction open). */
export interface DueFacts {
  paid: PaidEquivalent | null;
  scheduledOffer: PricedOffer | null;
  renewalPrice: TermPrice | null;
}

export const NO_FACTS: DueFacts = { paid: null, scheduledOffer: null, renewalPrice: null };

/** The facts of other subgraphs, read through the graph (typed peer documents); never their tables. */
export function graphDueFacts(graph: Graph): DueFactsSource {
  return {
    customers: async (ids) => {
      const rows = await customersPeer.customers(graph, ids);
      return new Map(ids.map((id, i) => [id, rows[i] ?? null] as const));
    },
    convertTrials: graphTrialConverter(graph),
    priceOffers: graphOfferPricer(graph),
    priceRenewals: graphRenewalPricer(graph),
  };
}

/**
 * Reads the facts of a batch of due subscriptions: the customers once, then each kind of fact for
 * every subscription that needs it in one request (the three kinds concurrently). A request that
 * fails fails only the subscriptions that needed it (an Error in their place, to be retried); the
 * others are settled.
 */
export async function readDueFacts(source: DueFactsSource, needs: readonly FactsNeed[]): Promise<Map<string, DueFacts | Error>> {
  const facts = new Map<string, DueFacts | Error>(needs.map((need) => [need.subscription.id, { ...NO_FACTS }]));
  const fail = (ids: readonly string[], error: unknown) => {
    for (const id of ids) facts.set(id, error instanceof Error ? error : new Error(String(error)));
  };
  if (!needs.length) return facts;
  let customers: BatchCustomers = new Map();
  try {
    if (source.customers) customers = await source.customers([...new Set(needs.map((need) => need.subscription.customerId))]);
  } catch (error) {
    fail(needs.map((need) => need.subscription.id), error);
    return facts;
  }
  const fill = async <T>(wanted: readonly FactsNeed[], read: () => Promise<Map<string, T>>, put: (found: DueFacts, value: T | undefined, need: FactsNeed) => DueFacts | Error) => {
    if (!wanted.length) return;
    try {
      const values = await read();
      for (const need of wanted) {
        const found = facts.get(need.subscription.id);
        if (found && !(found instanceof Error)) facts.set(need.subscription.id, put(found, values.get(need.subscription.id), need));
      }
    } catch (error) {
      fail(wanted.map((need) => need.subscription.id), error);
    }
  };
  const converting = needs.filter((need) => need.convert);
  const scheduled = needs.filter((need) => need.scheduledOfferId);
  const repriced = needs.filter((need) => need.reprice);
  await Promise.all([
    fill(converting, () => source.convertTrials!(converting.map((need) => need.subscription), customers), (found, paid) => ({ ...found, paid: paid ?? null })),
    fill(
      scheduled,
      async () => (source.priceOffers ? source.priceOffers(scheduled.map((need) => ({ subscription: need.subscription, offerId: need.scheduledOfferId! })), customers) : new Map<string, PricedOffer | null>()),
      // SCH-1: a change naming a SKU the catalog does not price fails the unit, to be retried, rather than renewing at the wrong SKU.
      (found, priced, need) => (priced ? { ...found, scheduledOffer: priced } : new Error(`no price for the scheduled offer ${need.scheduledOfferId} of subscription ${need.subscription.id}`)),
    ),
    fill(repriced, () => source.priceRenewals!(repriced.map((need) => need.subscription), customers), (found, price) => ({ ...found, renewalPrice: price ?? null })),
  ]);
  return facts;
}

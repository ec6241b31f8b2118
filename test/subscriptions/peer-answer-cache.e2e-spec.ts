import { peerAnswerCacheLookups } from '../../shared/metrics';
import { peerAnswerCacheEnabled, peerAnswerCacheMaxBytes } from '../../shared/entity-cache/peer-caches';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { buy, createCart } from './checkout.fixtures';
import { mutate } from './support';

/** A Contoso offer as importOffers takes it (CAT-1); `maxQuantity` changes between imports. */
function contosoOffer(maxQuantity: number) {
  return {
    name: 'Contoso Peer Cache', provisioningId: 'Contoso_Peer_Cache', productFamily: 'Contoso Widgets', publisher: 'ISV', isvPublisher: 'Contoso Widgets Ltd',
    billingType: 'LICENSE', category: 'ENTERPRISE', segments: ['COMMERCIAL'], lifecycle: 'AVAILABLE', termDurations: ['P1M', 'P1Y'],
    billingFrequencies: ['MONTHLY', 'ANNUAL'], markets: ['DE', 'US'], listPriceUsd: '10.00', prices: [{ market: 'DE', currency: 'EUR', amount: '9.50' }], maxQuantity,
  };
}
const IMPORT = `mutation($i: ImportOffersInput!) { importOffers(input: $i) { offers { id maxQuantity } errors { code message } } }`;

/** The subscriptions subgraph's lookups among its kept catalog answers so far, by outcome. */
async function lookups(): Promise<{ hit: number; miss: number }> {
  const values = (await peerAnswerCacheLookups.get()).values.filter((value) => value.labels.subgraph === 'catalog');
  const of = (outcome: string) => values.filter((value) => value.labels.outcome === outcome).reduce((sum, value) => sum + value.value, 0);
  return { hit: of('hit'), miss: of('miss') };
}

/**
 * The catalog answers a subgraph's peer calls keep (shared/entity-cache/peer-caches.ts): offer
 * facts the catalog marks the same for every authenticated caller and business time are asked
 * once, and an import of offers empties them as soon as the catalog's change feed moves.
 */
describe('catalog answers kept by the subscriptions subgraph', () => {
  const t = useStack();
  let partner: TestPartner;
  let token: string;
  let operator: string;
  let offerId: string;

  beforeAll(async () => {
    partner = await onboardPartner(t);
    token = await partner.token(['ADMIN_AGENT']);
    operator = await t.operatorToken();
    const imported = dataOf<any>(await t.gql(operator, IMPORT, { i: { offers: [contosoOffer(100)] } })).importOffers;
    expect(imported.errors).toEqual([]);
    offerId = imported.offers[0].id;
    await t.stack.subgraphs.subscriptions.peerCaches!.of('catalog')!.next('serving');
  });

  it('CAT-1: a quantity increase asks the catalog for the caps once; an import is seen once the feed moves', async () => {
    const customer = (await createCustomer(t, partner)).id;
    const bought = await buy(t, partner, customer, [{ offerId, quantity: 1 }]);
    expect(bought.payload.errors).toEqual([]);
    const id = bought.payload.order.lines[0].subscription.id;
    const increase = async (quantity: number) => dataOf<any>(await mutate(t, token, 'updateSubscriptionQuantity', { subscriptionId: id, quantity })).updateSubscriptionQuantity;

    expect((await increase(2)).errors).toEqual([]);
    const before = await lookups();
    expect((await increase(3)).subscription.quantity).toBe(3);
    // Over the cap read from memory: the same refusal as the catalog's own answer gives.
    expect((await increase(101)).errors).toEqual([expect.objectContaining({ code: 'LICENSE_CAP_EXCEEDED', rule: 'CAT-1', message: 'Contoso_Peer_Cache allows at most 100 licenses per subscription' })]);
    expect(await lookups()).toEqual({ hit: before.hit + 2, miss: before.miss });

    // The operator lowers the cap: the import's event moves the catalog's change feed, which
    // empties the subscriptions subgraph's kept answers; the next increase reads the new cap.
    const changed = t.stack.subgraphs.subscriptions.peerCaches!.of('catalog')!.next('change');
    const reimported = dataOf<any>(await t.gql(operator, IMPORT, { i: { offers: [contosoOffer(10)] } })).importOffers;
    expect(reimported).toEqual({ offers: [{ id: offerId, maxQuantity: 10 }], errors: [] });
    await changed;
    expect((await increase(11)).errors).toEqual([expect.objectContaining({ code: 'LICENSE_CAP_EXCEEDED', rule: 'CAT-1', message: 'Contoso_Peer_Cache allows at most 10 licenses per subscription' })]);
    expect((await increase(10)).subscription.quantity).toBe(10);
  });

  it("ORD-1: a cart's offers are asked of the catalog once; the second cart of the same lines is the same; a checkout's own question is always asked", async () => {
    const customer = (await createCustomer(t, partner)).id;
    const lines = [{ offerId, quantity: 2 }, { offerId: 'offer-m365-e3-no-teams', quantity: 3 }];
    const first = dataOf<any>(await createCart(t, token, customer, lines)).createCart;
    const before = await lookups();
    const second = dataOf<any>(await createCart(t, token, customer, lines)).createCart;
    expect(await lookups()).toEqual({ hit: before.hit + 1, miss: before.miss });
    const { id: _first, ...firstCart } = first.cart;
    const { id: _second, ...secondCart } = second.cart;
    expect(secondCart).toEqual(firstCart);
    expect(firstCart.lines.map((line: any) => [line.offer.id, line.quantity])).toEqual([[offerId, 2], ['offer-m365-e3-no-teams', 3]]);

    // A checkout of the same lines: its cart's offers from memory; its own question (CAT-4
    // verdicts, BIL-5/BIL-7 quotes) is never kept, so never looked up.
    const bought = await buy(t, partner, customer, lines);
    expect(bought.payload.errors).toEqual([]);
    expect(await lookups()).toEqual({ hit: before.hit + 2, miss: before.miss });
  });

  it('PEER_ANSWER_CACHE=false (or 0) keeps nothing; on by default, within PEER_ANSWER_CACHE_MAX_BYTES (8 MiB)', () => {
    expect([peerAnswerCacheEnabled({}), peerAnswerCacheEnabled({ PEER_ANSWER_CACHE: 'false' }), peerAnswerCacheEnabled({ PEER_ANSWER_CACHE: '0' }), peerAnswerCacheEnabled({ PEER_ANSWER_CACHE: 'true' })]).toEqual([true, false, false, true]);
    expect([peerAnswerCacheMaxBytes({}), peerAnswerCacheMaxBytes({ PEER_ANSWER_CACHE_MAX_BYTES: '1024' }), peerAnswerCacheMaxBytes({ PEER_ANSWER_CACHE_MAX_BYTES: 'x' })]).toEqual([8 * 1024 * 1024, 1024, 8 * 1024 * 1024]);
  });
});

import { parse } from 'graphql';
import { cacheableEntityFetch, cacheableRootFetch } from './cacheable.policy';

const entities = (selection: string) => parse(`query($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`);

describe('which entity fetches of the catalog the gateway may cache', () => {
  it('Offer fields the same for every caller and every business time: columns, derived facts, the base price of a market', () => {
    expect(cacheableEntityFetch(entities('... on Offer { __typename id name lifecycle price(market: "DE") { amount currency } priceDetails(market: $m) { taxIncluded } suite { persona } }'))).toBe(true);
    expect(cacheableEntityFetch(entities('__typename ... on Offer { name }'))).toBe(true);
  });

  it('never a price with terms (BIL-7: the price list in effect at a business time) nor a quote', () => {
    expect(cacheableEntityFetch(entities('... on Offer { price(market: "DE", termDuration: "P1Y", billingFrequency: MONTHLY) { amount } }'))).toBe(false);
    expect(cacheableEntityFetch(entities('... on Offer { price(market: "DE", at: "2027-01-01T00:00:00Z") { amount } }'))).toBe(false);
    expect(cacheableEntityFetch(entities('... on Offer { name priceQuote(market: "DE", termDuration: "P1Y", billingFrequency: MONTHLY) { total } }'))).toBe(false);
  });

  it('never what depends on the customer or the caller (CAT-2, CAT-4, CAT-10)', () => {
    expect(cacheableEntityFetch(entities('... on Offer { name purchasable(customerId: "c") { allowed } }'))).toBe(false);
    expect(cacheableEntityFetch(entities('... on Offer { upgradeTargets { kind } }'))).toBe(false);
  });

  it('only `_entities` queries of Offer; named fragments only on Offer, of such fields, each once', () => {
    expect(cacheableEntityFetch(entities('... on Promotion { id }'))).toBe(false);
    expect(cacheableEntityFetch(parse('query { offer(id: "x") { name } }'))).toBe(false);
    expect(cacheableEntityFetch(parse('mutation($representations: [_Any!]!) { _entities(representations: $representations) { ... on Offer { name } } }'))).toBe(false);
    // A peer contract's document (subgraphs/subscriptions/peers/catalog.graphql: Offers with ...CatalogOffer).
    expect(cacheableEntityFetch(parse('query($r: [_Any!]!) { _entities(representations: $r) { ... on Offer { ...o } } } fragment o on Offer { id name addOnRule { kind } }'))).toBe(true);
    expect(cacheableEntityFetch(parse('query($r: [_Any!]!) { _entities(representations: $r) { ...o } } fragment o on Offer { name }'))).toBe(true);
    expect(cacheableEntityFetch(parse('query($r: [_Any!]!) { _entities(representations: $r) { ... on Offer { ...o } } } fragment o on Offer { name purchasable(customerId: "c") { allowed } }'))).toBe(false);
    expect(cacheableEntityFetch(parse('query($r: [_Any!]!) { _entities(representations: $r) { ... on Offer { ...p } } } fragment p on Promotion { id }'))).toBe(false);
    expect(cacheableEntityFetch(parse('query($r: [_Any!]!) { _entities(representations: $r) { ... on Offer { ...missing } } }'))).toBe(false);
    expect(cacheableEntityFetch(parse('query($r: [_Any!]!) { _entities(representations: $r) { ... on Offer { ...o } } } fragment o on Offer { ...o }'))).toBe(false);
    expect(cacheableEntityFetch(parse('query($r: [_Any!]!) { _entities(representations: $r) { ... on Offer { name } } offer(id: "x") { name } }'))).toBe(false);
  });

  describe('root queries kept whole', () => {
    const verdict = (query: string, variables?: Record<string, unknown>) => cacheableRootFetch(parse(query))?.(variables) ?? false;

    it('a page of offers or one offer, with fields the same for every caller, cursors and counts included', () => {
      expect(verdict('{ offers(first: 50) { edges { cursor node { id name price(market: "DE") { amount } } } pageInfo { hasNextPage endCursor } totalCount } }')).toBe(true);
      expect(verdict('query($f: OfferFilter) { offers(first: 10, filter: $f) { edges { node { ... on Offer { name } } } } }', { f: { market: 'DE', search: 'e3' } })).toBe(true);
      expect(verdict('{ offers(filter: { market: "DE", includeEndOfSale: true }) { __typename totalCount } offer(id: "x") { name markets } }')).toBe(true);
    });

    it('CAT-2: never a list for a customer (its segment and country, seen only by who may see it), in the text or in the variables', () => {
      expect(verdict('{ offers(filter: { customerId: "c1" }) { edges { node { name } } } }')).toBe(false);
      expect(verdict('query($c: ID) { offers(filter: { customerId: $c }) { edges { node { name } } } }', {})).toBe(false);
      expect(verdict('query($f: OfferFilter) { offers(filter: $f) { edges { node { name } } } }', { f: { customerId: 'c1' } })).toBe(false);
      expect(verdict('query($f: OfferFilter) { offers(filter: $f) { edges { node { name } } } }', { f: { customerId: null, market: 'DE' } })).toBe(true);
    });

    it('never a field that depends on the caller, the customer or the business time, nor another root field', () => {
      expect(verdict('{ offers { edges { node { name purchasable(customerId: "c") { allowed } } } } }')).toBe(false);
      expect(verdict('{ offers { edges { node { price(market: "DE", termDuration: "P1Y", billingFrequency: MONTHLY) { amount } } } } }')).toBe(false);
      expect(verdict('{ offer(id: "x") { upgradeTargets { kind } } }')).toBe(false);
      expect(verdict('{ offers { edges { node { name } } } promotions { edges { node { id } } } }')).toBe(false);
      expect(verdict('{ offers { edges { ...e } } } fragment e on OfferEdge { cursor }')).toBe(false);
      expect(verdict('mutation { importOffers(input: { offers: [] }) { errors { code } } }')).toBe(false);
    });
  });
});

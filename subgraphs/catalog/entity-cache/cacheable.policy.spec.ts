import { parse } from 'graphql';
import { cacheableEntityFetch } from './cacheable.policy';

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

  it('only `_entities` queries of Offer, without named fragments', () => {
    expect(cacheableEntityFetch(entities('... on Promotion { id }'))).toBe(false);
    expect(cacheableEntityFetch(parse('query { offer(id: "x") { name } }'))).toBe(false);
    expect(cacheableEntityFetch(parse('mutation($representations: [_Any!]!) { _entities(representations: $representations) { ... on Offer { name } } }'))).toBe(false);
    expect(cacheableEntityFetch(parse('query($representations: [_Any!]!) { _entities(representations: $representations) { ...o } } fragment o on Offer { name }'))).toBe(false);
    expect(cacheableEntityFetch(parse('query($r: [_Any!]!) { _entities(representations: $r) { ... on Offer { name } } offer(id: "x") { name } }'))).toBe(false);
  });
});

import { COUNTRY_REGION } from '../../../shared/regions';
import { formatAmount, marketPrice, RESERVATION_EXCLUDED_MARKET_NAMES, RESERVATION_EXCLUDED_MARKETS } from './markets';
import { OFFER_SEEDS } from './offers.data';

describe('catalog reference data', () => {
  it('CAT-8: the seed 003 list has all 109 names (106 codes: Saba, Bonaire, Sint Eustatius share BQ; Jan Mayen, Svalbard SJ)', () => {
    expect(RESERVATION_EXCLUDED_MARKET_NAMES).toHaveLength(109);
    expect(RESERVATION_EXCLUDED_MARKETS).toHaveLength(106);
    expect(RESERVATION_EXCLUDED_MARKET_NAMES[0]).toEqual(['Isole Åland', 'AX']);
    expect(RESERVATION_EXCLUDED_MARKET_NAMES.find(([name]) => name === 'Yemen')).toEqual(['Yemen', 'YE']);
    for (const code of RESERVATION_EXCLUDED_MARKETS) expect([code, COUNTRY_REGION.has(code)]).toEqual([code, true]);
  });

  it('CAT-8: reservations and server subscriptions are not sold in those markets; Microsoft 365 is', () => {
    const reservations = OFFER_SEEDS.filter((o) => o.isSoftware || o.productFamily === 'Azure reservations');
    expect(reservations.length).toBeGreaterThanOrEqual(6);
    for (const offer of reservations) expect(offer.markets.filter((m) => RESERVATION_EXCLUDED_MARKETS.includes(m))).toEqual([]);
    expect(OFFER_SEEDS.find((o) => o.id === 'offer-m365-e3-no-teams')!.markets).toContain('YE');
  });

  it('CAT-2: prices are exact decimals; taxes included only in AU and BR', () => {
    expect(marketPrice('33.75', 'US')).toEqual({ currency: 'USD', amount: '33.75', taxIncluded: false });
    expect(marketPrice('33.75', 'DE')).toEqual({ currency: 'EUR', amount: '31.05', taxIncluded: false });
    expect(marketPrice('33.75', 'JP')).toEqual({ currency: 'JPY', amount: '5063', taxIncluded: false });
    expect(marketPrice('33.75', 'AU').taxIncluded).toBe(true);
    expect(marketPrice('33.75', 'BR').taxIncluded).toBe(true);
    expect(formatAmount('31.0500', 'EUR')).toBe('31.05');
    expect(formatAmount('5063.0000', 'JPY')).toBe('5063');
    expect(formatAmount('0.1', 'USD')).toBe('0.10');
  });

  it('CAT-1: provisioning ids and offer ids are unique', () => {
    expect(new Set(OFFER_SEEDS.map((o) => o.id)).size).toBe(OFFER_SEEDS.length);
    expect(new Set(OFFER_SEEDS.map((o) => o.provisioningId)).size).toBe(OFFER_SEEDS.length);
  });

  it('CAT-9 / TRI-2: trials are 25 licenses for one month and name their paid equivalent, which names them back', () => {
    const trials = OFFER_SEEDS.filter((o) => o.category === 'TRIAL');
    expect(trials.length).toBeGreaterThanOrEqual(2);
    for (const trial of trials) {
      expect(trial).toMatchObject({ minQuantity: 25, maxQuantity: 25, termDurations: ['P1M'] });
      const paid = OFFER_SEEDS.find((o) => o.id === trial.paidOfferId)!;
      expect(paid.trialOfferId).toBe(trial.id);
    }
  });

  it('CAT-7: add-on prerequisites name seeded SKUs', () => {
    const ids = new Set(OFFER_SEEDS.map((o) => o.provisioningId));
    for (const offer of OFFER_SEEDS) for (const p of offer.prerequisites ?? []) expect([offer.id, p, ids.has(p)]).toEqual([offer.id, p, true]);
  });
});

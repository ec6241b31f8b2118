import { COUNTRY_REGION } from '../../../shared/regions';
import { formatMoney } from '../../../shared/money';
import { marketPrice, RESERVATION_EXCLUDED_MARKET_NAMES, RESERVATION_EXCLUDED_MARKETS } from './markets';
import { OFFER_SEEDS } from './offers.data';

describe('catalog reference data', () => {
  it('CAT-8: the seed 003 list has all 109 names (106 codes: Saba, Bonaire, Sint Eustatius share BQ; Jan Mayen, Svalbard SJ)', () => {
    expect(RESERVATION_EXCLUDED_MARKET_NAMES).toHaveLength(109);
    expect(RESERVATION_EXCLUDED_MARKETS).toHaveLength(106);
    expect(RESERVATION_EXCLUDED_MARKET_NAMES[0]).toEqual(['Isole Åland', 'AX']);
    expect(RESERVATION_EXCLUDED_MARKET_NAMES.find(([name]) => name === 'Yemen')).toEqual(['Yemen', 'YE']);
    for (const code of RESERVATION_EXCLUDED_MARKETS) expect([code, COUNTRY_REGION.has(code)]).toEqual([code, true]);
  });

  it('CAT-8: only Azure reservations are kept out of those markets; server subscriptions and Microsoft 365 are sold there', () => {
    const reservations = OFFER_SEEDS.filter((o) => o.azureReservation);
    expect(reservations.map((o) => o.id)).toEqual(['offer-azure-ri-d2s-v5']);
    for (const offer of reservations) expect(offer.markets.filter((m) => RESERVATION_EXCLUDED_MARKETS.includes(m))).toEqual([]);
    for (const offer of OFFER_SEEDS.filter((o) => !o.azureReservation && o.publisher === 'MICROSOFT')) expect([offer.id, offer.markets.includes('YE')]).toEqual([offer.id, true]);
  });

  it('CAT-8: Azure reservations and server subscriptions are for commercial customers only', () => {
    const servers = OFFER_SEEDS.filter((o) => o.isSoftware && !o.isPerpetual);
    expect(servers.length).toBeGreaterThanOrEqual(5);
    for (const offer of [...servers, ...OFFER_SEEDS.filter((o) => o.azureReservation)]) {
      expect([offer.id, offer.commercialOnly, offer.segments]).toEqual([offer.id, true, ['COMMERCIAL']]);
    }
  });

  it("BIL-7: every seeded offer has Partner Center's ProductId and SkuId, one pair per offer", () => {
    for (const offer of OFFER_SEEDS) expect([offer.id, /^[A-Z0-9]{12}$/.test(offer.productId ?? ''), /^[A-Z0-9]{4}$/.test(offer.skuId ?? '')]).toEqual([offer.id, true, true]);
    expect(new Set(OFFER_SEEDS.map((o) => `${o.productId}/${o.skuId}`)).size).toBe(OFFER_SEEDS.length);
  });

  it('CAT-3: Office 365 F3 is seeded end of sale', () => {
    expect(OFFER_SEEDS.find((o) => o.provisioningId === 'Office_365_F3')).toMatchObject({ lifecycle: 'END_OF_SALE' });
  });

  it('SW-2 / SW-3: every software SKU has its choices and key kind as data; per-term billing names terms and frequencies of the SKU', () => {
    for (const offer of OFFER_SEEDS.filter((o) => o.isSoftware)) {
      expect([offer.id, offer.software?.versions.length ? 'versions' : 'none', ['MULTIPLE_ACTIVATION', 'NONE'].includes(offer.software?.keyKind ?? '')]).toEqual([offer.id, 'versions', true]);
      for (const term of offer.termBilling ?? []) {
        expect(offer.termDurations).toContain(term.termDuration);
        for (const frequency of term.billingFrequencies) expect(offer.billingFrequencies).toContain(frequency);
      }
    }
    const threeYear = OFFER_SEEDS.find((o) => o.id === 'offer-windows-server-2022-std')!.termBilling!;
    expect(threeYear.find((t) => t.termDuration === 'P3Y')!.billingFrequencies).toEqual(['ANNUAL', 'TRIENNIAL']);
    expect(OFFER_SEEDS.find((o) => o.id === 'offer-windows-server-rds-cal')!.termBilling!.every((t) => t.billingFrequencies.includes('MONTHLY'))).toBe(true);
  });

  it('CAT-2: prices are exact decimals; taxes included only in AU and BR', () => {
    expect(marketPrice('33.75', 'US')).toEqual({ currency: 'USD', amount: '33.75', taxIncluded: false });
    expect(marketPrice('33.75', 'DE')).toEqual({ currency: 'EUR', amount: '31.05', taxIncluded: false });
    expect(marketPrice('33.75', 'JP')).toEqual({ currency: 'JPY', amount: '5063', taxIncluded: false });
    expect(marketPrice('33.75', 'AU').taxIncluded).toBe(true);
    expect(marketPrice('33.75', 'BR').taxIncluded).toBe(true);
    expect(formatMoney('31.0500', 'EUR')).toBe('31.05');
    expect(formatMoney('5063.0000', 'JPY')).toBe('5063');
    expect(formatMoney('0.1', 'USD')).toBe('0.10');
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

import { OFFER_SEEDS, type OfferSeed } from '../seed/offers.data';
import { SUITE_TAXONOMY, UNSUPPORTED_UPGRADES, UPGRADE_PATHS, type UpgradeKindCode } from '../seed/upgrades.data';
import { evaluateUpgrade, isUnsupportedUpgrade, type UpgradeSku } from './upgrade.policy';

const byProvisioningId = new Map(OFFER_SEEDS.map((o) => [o.provisioningId, o]));

function sku(provisioningId: string, overrides: Partial<UpgradeSku> = {}): UpgradeSku {
  const seed: OfferSeed | undefined = byProvisioningId.get(provisioningId);
  return {
    id: seed?.id ?? `offer-${provisioningId}`,
    provisioningId,
    lifecycle: seed?.lifecycle ?? 'AVAILABLE',
    category: seed?.category ?? 'ENTERPRISE',
    teams: seed?.teams ?? null,
    listPrice: seed?.usdPrice ?? '10.00',
    maxQuantity: seed?.maxQuantity ?? 10000,
    ...overrides,
  };
}

/** Answers from the seeded path data, as the service does. */
function decide(from: string, to: string, declaredOverride?: UpgradeKindCode) {
  const declared = declaredOverride ?? UPGRADE_PATHS.find((p) => p.from === from && p.to === to)?.kind;
  const reverseDeclared = UPGRADE_PATHS.some((p) => p.from === to && p.to === from);
  return evaluateUpgrade({ source: sku(from), target: sku(to), declared, reverseDeclared });
}

describe('upgrade policy (CAT-10)', () => {
  describe('seed 002: unsupported upgrade paths, every row', () => {
    const pairs = UNSUPPORTED_UPGRADES.flatMap((row) => row.to.map((to) => [row.from, to] as const));

    it('transcribes the nine rows of the table with all their targets', () => {
      expect(UNSUPPORTED_UPGRADES).toHaveLength(9);
      expect(pairs).toHaveLength(16);
    });

    it.each(pairs)('CAT-10: %s → %s is not eligible even when declared as a path', (from, to) => {
      expect(isUnsupportedUpgrade(from, to)).toBe(true);
      for (const kind of ['LINEAR', 'CATEGORY_SWITCH', 'MANY_TO_ONE'] as const) {
        expect(evaluateUpgrade({ source: sku(from), target: sku(to), declared: kind, reverseDeclared: false })).toMatchObject({
          eligible: false,
          reason: 'UPGRADE_NOT_ELIGIBLE',
          detail: 'UNSUPPORTED_PATH',
          rule: 'CAT-10',
        });
      }
    });

    it.each(pairs)('CAT-10: every SKU of the row %s → %s is in the seeded catalog', (from, to) => {
      expect(byProvisioningId.has(from)).toBe(true);
      expect(byProvisioningId.has(to)).toBe(true);
    });

    it('CAT-10: EMS E3 → EMS E5 and Defender for Endpoint P1 → P2 are refused by the seeded data', () => {
      expect(decide('Enterprise_Mobility_+_Security_E3', 'Enterprise_Mobility_+_Security_E5').detail).toBe('UNSUPPORTED_PATH');
      expect(decide('Microsoft_Defender_for_Endpoint_P1', 'Microsoft_Defender_for_Endpoint_P2').detail).toBe('UNSUPPORTED_PATH');
    });

    it('CAT-10: the unsupported table does not block other targets of the same sources', () => {
      expect(decide('Enterprise_Mobility_+_Security_E5', 'Microsoft_365_E5_(no_Teams)')).toEqual({ eligible: true, kind: 'MANY_TO_ONE' });
      expect(decide('Windows_10/11_Enterprise_E3', 'Microsoft_365_E3_(no_Teams)')).toEqual({ eligible: true, kind: 'MANY_TO_ONE' });
    });
  });

  describe('Teams rules', () => {
    const withTeams = OFFER_SEEDS.filter((o) => o.teams === 'WITH');
    const withoutTeams = OFFER_SEEDS.filter((o) => o.teams === 'WITHOUT');

    it('CAT-10: the O/M suites with Teams named by seed 002 are end of sale', () => {
      for (const id of ['Office_365_E1', 'Office_365_E3', 'Office_365_E5', 'Microsoft_365_E3', 'Microsoft_365_E5']) {
        expect(byProvisioningId.get(id)).toMatchObject({ teams: 'WITH' });
        expect(byProvisioningId.get(id)!.lifecycle).not.toBe('AVAILABLE');
      }
    });

    it('CAT-10: no suite without Teams can be upgraded to a suite with Teams, whatever the data declares', () => {
      for (const source of withoutTeams) {
        for (const target of withTeams) {
          const decision = evaluateUpgrade({ source: sku(source.provisioningId), target: sku(target.provisioningId), declared: 'LINEAR', reverseDeclared: false });
          expect(decision).toMatchObject({ eligible: false, detail: 'TEAMS_NOT_RESTORABLE' });
        }
      }
    });

    it('CAT-10: with-Teams → without-Teams is allowed (M365 E3 → M365 E3 no Teams, O365 E3 → M365 E5 no Teams)', () => {
      expect(decide('Microsoft_365_E3', 'Microsoft_365_E3_(no_Teams)')).toEqual({ eligible: true, kind: 'LINEAR' });
      expect(decide('Office_365_E3', 'Microsoft_365_E5_(no_Teams)')).toEqual({ eligible: true, kind: 'LINEAR' });
      expect(decide('Office_365_E1', 'Office_365_E1_(no_Teams)')).toEqual({ eligible: true, kind: 'LINEAR' });
    });

    it('CAT-10: … and one way: the way back is refused', () => {
      expect(decide('Microsoft_365_E3_(no_Teams)', 'Microsoft_365_E3')).toMatchObject({ eligible: false, detail: 'TEAMS_NOT_RESTORABLE' });
      expect(decide('Office_365_E1_(no_Teams)', 'Office_365_E1')).toMatchObject({ eligible: false, detail: 'TEAMS_NOT_RESTORABLE' });
    });

    it('CAT-3: a with-Teams suite that is end of sale is no target; end of sale with conversions is', () => {
      expect(decide('Microsoft_365_E3', 'Microsoft_365_E5')).toMatchObject({ eligible: false, detail: 'TARGET_END_OF_SALE', rule: 'CAT-3' });
      expect(decide('Office_365_E1', 'Office_365_E3')).toEqual({ eligible: true, kind: 'LINEAR' });
    });
  });

  describe('kinds, downgrades and missing paths', () => {
    it('CAT-10: linear (O365 E1 → O365 E3), category switch (Business Premium → M365 E3), many-to-one (Power BI Pro → M365 E5)', () => {
      expect(decide('Office_365_E1_(no_Teams)', 'Office_365_E3_(no_Teams)')).toEqual({ eligible: true, kind: 'LINEAR' });
      expect(decide('Microsoft_365_Business_Premium', 'Microsoft_365_E3_(no_Teams)')).toEqual({ eligible: true, kind: 'CATEGORY_SWITCH' });
      expect(decide('Microsoft_365_F3', 'Office_365_E3_(no_Teams)')).toEqual({ eligible: true, kind: 'CATEGORY_SWITCH' });
      expect(decide('Power_BI_Pro', 'Microsoft_365_E5_(no_Teams)')).toEqual({ eligible: true, kind: 'MANY_TO_ONE' });
    });

    it('CAT-10: downgrades are never eligible, declared or not', () => {
      expect(decide('Microsoft_365_E5_(no_Teams)', 'Microsoft_365_E3_(no_Teams)')).toMatchObject({ eligible: false, detail: 'DOWNGRADE' });
      expect(decide('Microsoft_365_Business_Premium', 'Microsoft_365_Business_Basic')).toMatchObject({ eligible: false, detail: 'DOWNGRADE' });
      expect(decide('Microsoft_365_E5_(no_Teams)', 'Microsoft_365_E3_(no_Teams)', 'LINEAR')).toMatchObject({ eligible: false, detail: 'DOWNGRADE' });
      // the reverse of a declared path is a downgrade even outside the suite table
      expect(decide('Microsoft_365_E5_(no_Teams)', 'Power_BI_Pro')).toMatchObject({ eligible: false, detail: 'DOWNGRADE' });
    });

    it('CAT-10: a category switch must cost more, add value or remove a constraint', () => {
      const cheaper = evaluateUpgrade({
        source: sku('Microsoft_365_E3_(no_Teams)'),
        target: sku('Microsoft_365_Business_Standard', { maxQuantity: 10000 }),
        declared: 'CATEGORY_SWITCH',
        reverseDeclared: false,
      });
      expect(cheaper).toMatchObject({ eligible: false, detail: 'NOT_HIGHER_VALUE' });
      // Business → Enterprise removes the 300 cap even when the list price is lower
      const uncapped = evaluateUpgrade({
        source: sku('Microsoft_365_Business_Premium'),
        target: sku('Office_365_E3_(no_Teams)'),
        declared: 'CATEGORY_SWITCH',
        reverseDeclared: false,
      });
      expect(uncapped).toEqual({ eligible: true, kind: 'CATEGORY_SWITCH' });
    });

    it('CAT-10: no declared path, same SKU, trial source', () => {
      expect(decide('Power_BI_Pro', 'Microsoft_Teams_Enterprise')).toMatchObject({ eligible: false, detail: 'NO_UPGRADE_PATH' });
      expect(decide('Microsoft_365_F3', 'Microsoft_365_F3')).toMatchObject({ eligible: false, detail: 'SAME_SKU' });
      expect(decide('Microsoft_365_E5_(no_Teams)_Trial', 'Microsoft_365_E5_(no_Teams)')).toMatchObject({ eligible: false, detail: 'TRIAL_SOURCE' });
    });

    it('SW-4: Red Hat and SUSE plans can never be exchanged, whatever the data declares', () => {
      for (const from of ['Red_Hat_Enterprise_Linux_Server_1Y', 'SUSE_Linux_Enterprise_Server_Standard_1Y']) {
        const source = sku(from, { exchangeable: byProvisioningId.get(from)!.exchangeable });
        const decision = evaluateUpgrade({ source, target: sku('Windows_Server_2022_Standard_16_Core'), declared: 'CATEGORY_SWITCH', reverseDeclared: false });
        expect(decision).toMatchObject({ eligible: false, detail: 'NOT_EXCHANGEABLE', rule: 'SW-4' });
      }
    });
  });

  describe('path data', () => {
    it('CAT-10: every declared path names seeded SKUs, is declared once and never both ways', () => {
      const keys = UPGRADE_PATHS.map((p) => `${p.from}→${p.to}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const path of UPGRADE_PATHS) {
        expect([path.from, byProvisioningId.has(path.from)]).toEqual([path.from, true]);
        expect([path.to, byProvisioningId.has(path.to)]).toEqual([path.to, true]);
        expect(keys).not.toContain(`${path.to}→${path.from}`);
      }
    });

    it('CAT-10: every declared path is eligible except those the rules refuse', () => {
      const refused = UPGRADE_PATHS.map((p) => [p, decide(p.from, p.to)] as const).filter(([, d]) => !d.eligible);
      expect(refused.map(([p, d]) => `${p.from}→${p.to}:${d.detail}`).sort()).toEqual(
        ['Microsoft_365_E3→Microsoft_365_E5:TARGET_END_OF_SALE', 'Microsoft_Defender_for_Endpoint_P1→Microsoft_Defender_for_Endpoint_P2:UNSUPPORTED_PATH'].sort(),
      );
    });

    it('CAT-11: the suite table has both personas and all four sectors', () => {
      const entries = Object.values(SUITE_TAXONOMY);
      expect(new Set(entries.map((e) => e.persona))).toEqual(new Set(['INFORMATION_WORKER', 'FRONTLINE_WORKER']));
      expect(new Set(entries.map((e) => e.sector))).toEqual(new Set(['COMMERCIAL_ENTERPRISE', 'COMMERCIAL_SMB', 'GOVERNMENT', 'EDUCATION']));
      expect(SUITE_TAXONOMY['Microsoft_365_F3']).toMatchObject({ persona: 'FRONTLINE_WORKER', sector: 'COMMERCIAL_ENTERPRISE' });
      expect(SUITE_TAXONOMY['Microsoft_365_Business_Premium']).toMatchObject({ persona: 'INFORMATION_WORKER', sector: 'COMMERCIAL_SMB' });
    });
  });
});

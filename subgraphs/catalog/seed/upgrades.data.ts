/**
 * Upgrade reference data of seed 002, keyed by provisioning id: the suite taxonomy (CAT-11),
 * the upgrade paths (CAT-10) and the paths Partner Center does not support yet.
 */

export type UpgradeKindCode = 'LINEAR' | 'CATEGORY_SWITCH' | 'MANY_TO_ONE';
export type SuitePersonaCode = 'INFORMATION_WORKER' | 'FRONTLINE_WORKER';
export type SuiteSectorCode = 'COMMERCIAL_ENTERPRISE' | 'COMMERCIAL_SMB' | 'GOVERNMENT' | 'EDUCATION';

export interface SuiteEntry {
  persona: SuitePersonaCode;
  sector: SuiteSectorCode;
  /** Position within its persona × sector column: a move to a lower tier is a downgrade. */
  tier: number;
}

const IW = 'INFORMATION_WORKER';
const FLW = 'FRONTLINE_WORKER';

/**
 * CAT-11: the suite table of seed 002 ("Categorie di suite"), persona × sector. The with- and
 * without-Teams variants of a suite share its tier. Suites the demo catalog does not sell
 * (G1, A1 …) are kept too: an operator import may add them.
 */
export const SUITE_TAXONOMY: Readonly<Record<string, SuiteEntry>> = {
  // Commercial (enterprise), information worker
  'Microsoft_365_Apps_for_enterprise': { persona: IW, sector: 'COMMERCIAL_ENTERPRISE', tier: 10 },
  'Office_365_E1': { persona: IW, sector: 'COMMERCIAL_ENTERPRISE', tier: 20 },
  'Office_365_E1_(no_Teams)': { persona: IW, sector: 'COMMERCIAL_ENTERPRISE', tier: 20 },
  'Office_365_E3': { persona: IW, sector: 'COMMERCIAL_ENTERPRISE', tier: 30 },
  'Office_365_E3_(no_Teams)': { persona: IW, sector: 'COMMERCIAL_ENTERPRISE', tier: 30 },
  'Enterprise_Mobility_+_Security_E3': { persona: IW, sector: 'COMMERCIAL_ENTERPRISE', tier: 30 },
  'Windows_10/11_Enterprise_E3': { persona: IW, sector: 'COMMERCIAL_ENTERPRISE', tier: 30 },
  'Microsoft_365_E3': { persona: IW, sector: 'COMMERCIAL_ENTERPRISE', tier: 40 },
  'Microsoft_365_E3_(no_Teams)': { persona: IW, sector: 'COMMERCIAL_ENTERPRISE', tier: 40 },
  'Office_365_E5': { persona: IW, sector: 'COMMERCIAL_ENTERPRISE', tier: 50 },
  'Office_365_E5_(no_Teams)': { persona: IW, sector: 'COMMERCIAL_ENTERPRISE', tier: 50 },
  'Enterprise_Mobility_+_Security_E5': { persona: IW, sector: 'COMMERCIAL_ENTERPRISE', tier: 50 },
  'Windows_10/11_Enterprise_E5': { persona: IW, sector: 'COMMERCIAL_ENTERPRISE', tier: 50 },
  'Microsoft_365_E5': { persona: IW, sector: 'COMMERCIAL_ENTERPRISE', tier: 60 },
  'Microsoft_365_E5_(no_Teams)': { persona: IW, sector: 'COMMERCIAL_ENTERPRISE', tier: 60 },
  // Commercial (enterprise), frontline worker; Office 365 F3 is no longer sold
  'Microsoft_365_F1': { persona: FLW, sector: 'COMMERCIAL_ENTERPRISE', tier: 10 },
  'Office_365_F3': { persona: FLW, sector: 'COMMERCIAL_ENTERPRISE', tier: 20 },
  'Microsoft_365_F3': { persona: FLW, sector: 'COMMERCIAL_ENTERPRISE', tier: 30 },
  // Commercial (SMB): capped at 300 licenses (CAT-6)
  'Microsoft_365_Apps_for_business': { persona: IW, sector: 'COMMERCIAL_SMB', tier: 10 },
  'Microsoft_365_Business_Basic': { persona: IW, sector: 'COMMERCIAL_SMB', tier: 10 },
  'Microsoft_365_Business_Standard': { persona: IW, sector: 'COMMERCIAL_SMB', tier: 20 },
  'Microsoft_365_Business_Premium': { persona: IW, sector: 'COMMERCIAL_SMB', tier: 30 },
  // Government
  'Office_365_G1': { persona: IW, sector: 'GOVERNMENT', tier: 10 },
  'Office_365_G3': { persona: IW, sector: 'GOVERNMENT', tier: 20 },
  'Office_365_G5': { persona: IW, sector: 'GOVERNMENT', tier: 40 },
  'Microsoft_365_G3': { persona: IW, sector: 'GOVERNMENT', tier: 30 },
  'Microsoft_365_G5': { persona: IW, sector: 'GOVERNMENT', tier: 50 },
  'Microsoft_365_F1_(Government)': { persona: FLW, sector: 'GOVERNMENT', tier: 10 },
  'Office_365_F3_(Government)': { persona: FLW, sector: 'GOVERNMENT', tier: 20 },
  'Microsoft_365_F3_(Government)': { persona: FLW, sector: 'GOVERNMENT', tier: 30 },
  // Education
  'Office_365_A1': { persona: IW, sector: 'EDUCATION', tier: 10 },
  'Microsoft_365_A1_for_devices': { persona: IW, sector: 'EDUCATION', tier: 10 },
  'Office_365_A3': { persona: IW, sector: 'EDUCATION', tier: 20 },
  'Office_365_A5': { persona: IW, sector: 'EDUCATION', tier: 40 },
  'Microsoft_365_A3': { persona: IW, sector: 'EDUCATION', tier: 30 },
  'Microsoft_365_A5': { persona: IW, sector: 'EDUCATION', tier: 50 },
};

/**
 * CAT-10: seed 002, "Aggiornamenti non attualmente supportati", row by row. A row names one
 * source and every target it lists ("Microsoft 365 E5 o Microsoft 365 E5 senza Audioconferenza").
 */
export const UNSUPPORTED_UPGRADES: readonly { from: string; to: readonly string[] }[] = [
  { from: 'Enterprise_Mobility_+_Security_E3', to: ['Enterprise_Mobility_+_Security_E5'] },
  { from: 'Enterprise_Mobility_+_Security_E5', to: ['Microsoft_365_E5', 'Microsoft_365_E5_(no_Audio_Conferencing)'] },
  {
    from: 'Universal_Print',
    to: ['Microsoft_365_E3', 'Microsoft_365_E3_Unattended_License', 'Microsoft_365_E5', 'Microsoft_365_E5_(no_Audio_Conferencing)'],
  },
  { from: 'Windows_10/11_Enterprise_E3', to: ['Microsoft_365_E5', 'Microsoft_365_E5_(no_Audio_Conferencing)'] },
  { from: 'Windows_10/11_Enterprise_E3_VDA', to: ['Microsoft_365_E5', 'Microsoft_365_E5_(no_Audio_Conferencing)'] },
  { from: 'Windows_10/11_Enterprise_E5', to: ['Microsoft_365_E5', 'Microsoft_365_E5_(no_Audio_Conferencing)'] },
  { from: 'Dynamics_365_Human_Resources_Self_Service', to: ['Dynamics_365_Team_Members'] },
  { from: 'Project_Online_Essentials', to: ['Dynamics_365_Team_Members'] },
  { from: 'Microsoft_Defender_for_Endpoint_P1', to: ['Microsoft_Defender_for_Endpoint_P2'] },
];

export interface UpgradePathSeed {
  from: string;
  to: string;
  kind: UpgradeKindCode;
}

const M365_E3 = 'Microsoft_365_E3_(no_Teams)';
const M365_E5 = 'Microsoft_365_E5_(no_Teams)';
const O365_E1 = 'Office_365_E1_(no_Teams)';
const O365_E3 = 'Office_365_E3_(no_Teams)';
const O365_E5 = 'Office_365_E5_(no_Teams)';

function paths(kind: UpgradeKindCode, from: string, targets: string[]): UpgradePathSeed[] {
  return targets.map((to) => ({ from, to, kind }));
}

/**
 * CAT-10: eligible upgrade paths (the "ProductSkuConversion" column of the offer matrix).
 * Linear: same persona and sector, suite up. Category switch: to a suite that costs more,
 * adds value or removes a constraint (the SMB cap of 300, FLW device limits). Many-to-one:
 * standalone products consolidated into a suite (M365 E3 + Power BI Pro → M365 E5).
 * With-Teams suites (end of sale) lead only to without-Teams suites, never back.
 */
export const UPGRADE_PATHS: readonly UpgradePathSeed[] = [
  // Without-Teams enterprise suites
  ...paths('LINEAR', 'Microsoft_365_Apps_for_enterprise', [O365_E3, M365_E3, M365_E5]),
  ...paths('LINEAR', O365_E1, [O365_E3, O365_E5, M365_E3, M365_E5]),
  ...paths('LINEAR', O365_E3, [O365_E5, M365_E3, M365_E5]),
  ...paths('LINEAR', O365_E5, [M365_E5]),
  ...paths('LINEAR', M365_E3, [M365_E5]),
  // With-Teams suites (end of sale): one way to the without-Teams suites
  ...paths('LINEAR', 'Office_365_E1', [O365_E1, O365_E3, O365_E5, M365_E3, M365_E5, 'Office_365_E3']),
  ...paths('LINEAR', 'Office_365_E3', [O365_E3, O365_E5, M365_E3, M365_E5]),
  ...paths('LINEAR', 'Office_365_E5', [O365_E5, M365_E5]),
  ...paths('LINEAR', 'Microsoft_365_E3', [M365_E3, M365_E5, 'Microsoft_365_E5']),
  ...paths('LINEAR', 'Microsoft_365_E5', [M365_E5]),
  // Small business
  ...paths('LINEAR', 'Microsoft_365_Apps_for_business', ['Microsoft_365_Business_Standard', 'Microsoft_365_Business_Premium']),
  ...paths('LINEAR', 'Microsoft_365_Business_Basic', ['Microsoft_365_Business_Standard', 'Microsoft_365_Business_Premium']),
  ...paths('LINEAR', 'Microsoft_365_Business_Standard', ['Microsoft_365_Business_Premium']),
  ...paths('CATEGORY_SWITCH', 'Microsoft_365_Apps_for_business', ['Microsoft_365_Apps_for_enterprise']),
  ...paths('CATEGORY_SWITCH', 'Microsoft_365_Business_Basic', [O365_E3, M365_E3, M365_E5]),
  ...paths('CATEGORY_SWITCH', 'Microsoft_365_Business_Standard', [O365_E3, M365_E3, M365_E5]),
  ...paths('CATEGORY_SWITCH', 'Microsoft_365_Business_Premium', [M365_E3, M365_E5]),
  // Frontline
  ...paths('LINEAR', 'Microsoft_365_F1', ['Microsoft_365_F3']),
  ...paths('CATEGORY_SWITCH', 'Microsoft_365_F1', [O365_E3, M365_E3, M365_E5]),
  ...paths('CATEGORY_SWITCH', 'Microsoft_365_F3', [O365_E3, M365_E3, M365_E5]),
  // Standalone products into suites
  ...paths('MANY_TO_ONE', 'Power_BI_Pro', [M365_E5]),
  ...paths('MANY_TO_ONE', 'Enterprise_Mobility_+_Security_E3', [M365_E3, M365_E5]),
  ...paths('MANY_TO_ONE', 'Enterprise_Mobility_+_Security_E5', [M365_E5]),
  ...paths('MANY_TO_ONE', 'Windows_10/11_Enterprise_E3', [M365_E3]),
  ...paths('MANY_TO_ONE', 'Windows_10/11_Enterprise_E5', [M365_E5]),
  ...paths('MANY_TO_ONE', 'Microsoft_Teams_Enterprise', [M365_E5]),
  ...paths('LINEAR', 'Microsoft_Defender_for_Endpoint_P1', ['Microsoft_Defender_for_Endpoint_P2']),
  // seed 002: a standalone product into a larger suite (eDiscovery and Audit → E5 Compliance)
  ...paths('LINEAR', 'Microsoft_365_E5_eDiscovery_and_Audit', ['Microsoft_365_E5_Compliance']),
  // Government and education
  ...paths('LINEAR', 'Office_365_G3', ['Microsoft_365_G5']),
  ...paths('LINEAR', 'Microsoft_365_A3', ['Microsoft_365_A5']),
];

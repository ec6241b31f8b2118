import { ALL_MARKETS, RESERVATION_EXCLUDED_MARKETS } from './markets';
import { PRODUCT_IDS } from './product-ids.data';

/** One SKU of the seeded catalog (SPEC §4), before prices are expanded per market. */
export interface OfferSeed {
  id: string;
  name: string;
  provisioningId: string;
  /** Partner Center's ProductId and SkuId (BIL-7: the price list's keys); absent: none known. */
  productId?: string;
  skuId?: string;
  productFamily: string;
  publisher: 'MICROSOFT' | 'ISV';
  isvPublisher?: string;
  billingType: 'LICENSE' | 'USAGE';
  category: 'ENTERPRISE' | 'SMALL_BUSINESS' | 'TRIAL';
  segments: string[];
  lifecycle: 'AVAILABLE' | 'END_OF_SALE' | 'END_OF_SALE_WITH_CONVERSIONS';
  termDurations: string[];
  billingFrequencies: string[];
  minQuantity?: number;
  maxQuantity?: number;
  onePerCustomer?: boolean;
  prerequisites?: string[];
  markets: readonly string[];
  trialOfferId?: string;
  /** Trial SKUs: the paid equivalent a trial converts to (TRI-2). */
  paidOfferId?: string;
  /** O/M suites with or without Teams (CAT-10). */
  teams?: 'WITH' | 'WITHOUT';
  /** CAT-7: the add-on's quantity rule, e.g. Multi-Geo at least 5% of the base licenses. */
  addOnRule?: 'COPILOT_MAX_BASE' | 'MULTI_GEO_MIN_PERCENT';
  addOnPercent?: number;
  /** CAT-5: ISV offers sold only through these partners (tenant ids or PartnerIDs). */
  exclusivePartners?: string[];
  /** CAT-5: the ISV chose not to sell the offer through CSP. */
  cspOptOut?: boolean;
  /** CAT-5: not transactable through Partner Center (containers, some usage offers). */
  transactable?: boolean;
  /** ORD-6: marketplace SaaS free trial length in days, and the publisher's setup link. */
  marketplaceTrialDays?: number;
  setupUrl?: string;
  /** SW-*: software subscriptions and perpetual software; Red Hat and SUSE plans are never cancellable (SW-4). */
  isSoftware?: boolean;
  isPerpetual?: boolean;
  cancellable?: boolean;
  /** SW-4: Red Hat and SUSE plans can never be exchanged for another SKU. */
  exchangeable?: boolean;
  /** CAT-8: an Azure reservation, the only kind of SKU the seed 003 market list restricts. */
  azureReservation?: boolean;
  /** CAT-8: Azure reservations and server subscriptions are sold to commercial customers only. */
  commercialOnly?: boolean;
  /** SW-2: the product's choices for keys and downloads, its key kind (never KMS), ESU install instructions. */
  software?: SoftwareSeed;
  /** SW-3: billing frequencies per term where the SKU restricts them (three-year SKUs annual or triennial). */
  termBilling?: { termDuration: string; billingFrequencies: string[] }[];
  /** Demo list price in USD per unit and month (converted per market). */
  usdPrice: string;
  /** Prices that override the converted list price in some markets (operator imports). */
  prices?: { market: string; currency: string; amount: string }[];
}

/** SW-2: what an ADMIN_AGENT chooses from for keys and downloads of a software product. */
export interface SoftwareSeed {
  versions: string[];
  languages?: string[];
  /** File types or operating systems of the downloads; none: the product has no downloads. */
  fileTypes?: string[];
  keyKind: 'MULTIPLE_ACTIVATION' | 'NONE';
  /** Extended-security-update products: how to install them, instead of downloads. */
  installInstructionsUrl?: string;
}

const ALL_SEGMENTS = ['COMMERCIAL', 'EDUCATION', 'GOVERNMENT', 'NONPROFIT'];
const COMMERCIAL = ['COMMERCIAL', 'NONPROFIT'];
const NCE_TERMS = { termDurations: ['P1M', 'P1Y', 'P3Y'], billingFrequencies: ['MONTHLY', 'ANNUAL', 'TRIENNIAL'] };
const ANNUAL_TERMS = { termDurations: ['P1M', 'P1Y'], billingFrequencies: ['MONTHLY', 'ANNUAL'] };
/** CAT-8: Azure reservations are not sold in the markets of seed 003. */
const RESERVATION_MARKETS = ALL_MARKETS.filter((m) => !RESERVATION_EXCLUDED_MARKETS.includes(m));

function microsoft(
  id: string,
  name: string,
  provisioningId: string,
  productFamily: string,
  usdPrice: string,
  extra: Partial<OfferSeed> = {},
): OfferSeed {
  const [productId, skuId] = PRODUCT_IDS[id] ?? [];
  return {
    id,
    name,
    provisioningId,
    productId,
    skuId,
    productFamily,
    publisher: 'MICROSOFT',
    billingType: 'LICENSE',
    category: 'ENTERPRISE',
    segments: COMMERCIAL,
    lifecycle: 'AVAILABLE',
    ...NCE_TERMS,
    markets: ALL_MARKETS,
    usdPrice,
    ...extra,
  };
}

const EOS = { lifecycle: 'END_OF_SALE' as const, teams: 'WITH' as const };
const NO_TEAMS = { teams: 'WITHOUT' as const };
const SMB = { category: 'SMALL_BUSINESS' as const, maxQuantity: 300 };
const GOVERNMENT = { segments: ['GOVERNMENT'] };
const EDUCATION = { segments: ['EDUCATION'] };
/** CAT-9: trials are 25 licenses for one month; one trial per customer (CAT-4). */
const TRIAL = {
  category: 'TRIAL' as const,
  termDurations: ['P1M'],
  billingFrequencies: ['MONTHLY'],
  minQuantity: 25,
  maxQuantity: 25,
  onePerCustomer: true,
};
/** CAT-8: server subscriptions are sold to commercial customers only, in every market (the seed 003 list is about reservations). */
const SERVER_SUBSCRIPTION = { isSoftware: true, commercialOnly: true, segments: ['COMMERCIAL'] };
/** SW-3: three-year software SKUs bill annually or triennially, one-year SKUs annually. */
const SOFTWARE_TERMS = {
  termDurations: ['P1Y', 'P3Y'],
  billingFrequencies: ['ANNUAL', 'TRIENNIAL'],
  termBilling: [
    { termDuration: 'P1Y', billingFrequencies: ['ANNUAL'] },
    { termDuration: 'P3Y', billingFrequencies: ['ANNUAL', 'TRIENNIAL'] },
  ],
};
const SERVER_LANGUAGES = ['English', 'German', 'French', 'Italian', 'Spanish', 'Japanese'];
const WINDOWS_SERVER_VERSIONS = ['Windows Server 2022', 'Windows Server 2019'];
/** CAT-7: Copilot needs one of these base suites. */
const COPILOT_BASES = [
  'Microsoft_365_E3_(no_Teams)',
  'Microsoft_365_E5_(no_Teams)',
  'Microsoft_365_E3',
  'Microsoft_365_E5',
  'Office_365_E3_(no_Teams)',
  'Office_365_E5_(no_Teams)',
  'Office_365_E3',
  'Office_365_E5',
  'Microsoft_365_Business_Basic',
  'Microsoft_365_Business_Standard',
  'Microsoft_365_Business_Premium',
  'Microsoft_365_Apps_for_business',
  'Microsoft_365_Apps_for_enterprise',
];
/** CAT-7: Multi-Geo needs an enterprise suite. */
const MULTI_GEO_BASES = [
  'Microsoft_365_E3_(no_Teams)',
  'Microsoft_365_E5_(no_Teams)',
  'Microsoft_365_E3',
  'Microsoft_365_E5',
  'Office_365_E3_(no_Teams)',
  'Office_365_E5_(no_Teams)',
  'Office_365_E3',
  'Office_365_E5',
];

function isv(seed: OfferSeed, isvPublisher: string, extra: Partial<OfferSeed> = {}): OfferSeed {
  return { ...seed, publisher: 'ISV', isvPublisher, ...extra };
}

export const OFFER_SEEDS: OfferSeed[] = [
  // Enterprise suites without Teams (sold) and with Teams (end of sale, CAT-3, CAT-10)
  microsoft('offer-m365-e3-no-teams', 'Microsoft 365 E3 (no Teams)', 'Microsoft_365_E3_(no_Teams)', 'Microsoft 365', '33.75', NO_TEAMS),
  microsoft('offer-m365-e5-no-teams', 'Microsoft 365 E5 (no Teams)', 'Microsoft_365_E5_(no_Teams)', 'Microsoft 365', '54.75', {
    ...NO_TEAMS,
    trialOfferId: 'offer-m365-e5-no-teams-trial',
  }),
  microsoft('offer-m365-e3', 'Microsoft 365 E3', 'Microsoft_365_E3', 'Microsoft 365', '36.00', EOS),
  microsoft('offer-m365-e5', 'Microsoft 365 E5', 'Microsoft_365_E5', 'Microsoft 365', '57.00', EOS),
  microsoft('offer-m365-e3-unattended', 'Microsoft 365 E3 - Unattended License', 'Microsoft_365_E3_Unattended_License', 'Microsoft 365', '36.00', EOS),
  microsoft('offer-m365-e5-no-audio-conferencing', 'Microsoft 365 E5 without Audio Conferencing', 'Microsoft_365_E5_(no_Audio_Conferencing)', 'Microsoft 365', '53.00', EOS),
  microsoft('offer-o365-e1-no-teams', 'Office 365 E1 (no Teams)', 'Office_365_E1_(no_Teams)', 'Office 365', '7.75', NO_TEAMS),
  microsoft('offer-o365-e3-no-teams', 'Office 365 E3 (no Teams)', 'Office_365_E3_(no_Teams)', 'Office 365', '20.75', NO_TEAMS),
  microsoft('offer-o365-e5-no-teams', 'Office 365 E5 (no Teams)', 'Office_365_E5_(no_Teams)', 'Office 365', '35.75', NO_TEAMS),
  microsoft('offer-o365-e1', 'Office 365 E1', 'Office_365_E1', 'Office 365', '10.00', EOS),
  microsoft('offer-o365-e3', 'Office 365 E3', 'Office_365_E3', 'Office 365', '23.00', { ...EOS, lifecycle: 'END_OF_SALE_WITH_CONVERSIONS' }),
  microsoft('offer-o365-e5', 'Office 365 E5', 'Office_365_E5', 'Office 365', '38.00', EOS),
  microsoft('offer-m365-apps-enterprise', 'Microsoft 365 Apps for enterprise', 'Microsoft_365_Apps_for_enterprise', 'Microsoft 365', '12.00'),
  // Small business suites: capped at 300 licenses per customer (CAT-6)
  microsoft('offer-m365-business-basic', 'Microsoft 365 Business Basic', 'Microsoft_365_Business_Basic', 'Microsoft 365', '6.00', SMB),
  microsoft('offer-m365-business-standard', 'Microsoft 365 Business Standard', 'Microsoft_365_Business_Standard', 'Microsoft 365', '12.50', SMB),
  microsoft('offer-m365-business-premium', 'Microsoft 365 Business Premium', 'Microsoft_365_Business_Premium', 'Microsoft 365', '22.00', {
    ...SMB,
    trialOfferId: 'offer-m365-business-premium-trial',
  }),
  microsoft('offer-m365-apps-business', 'Microsoft 365 Apps for business', 'Microsoft_365_Apps_for_business', 'Microsoft 365', '8.25', SMB),
  // Frontline
  microsoft('offer-m365-f1', 'Microsoft 365 F1', 'Microsoft_365_F1', 'Microsoft 365', '2.25'),
  microsoft('offer-m365-f3', 'Microsoft 365 F3', 'Microsoft_365_F3', 'Microsoft 365', '8.00'),
  // CAT-3: Office 365 F3 is "not available for new purchase" (seed 002)
  microsoft('offer-o365-f3', 'Office 365 F3', 'Office_365_F3', 'Office 365', '4.00', { lifecycle: 'END_OF_SALE' }),
  // Government and education suites
  microsoft('offer-o365-g3', 'Office 365 G3', 'Office_365_G3', 'Office 365', '20.00', GOVERNMENT),
  microsoft('offer-m365-g5', 'Microsoft 365 G5', 'Microsoft_365_G5', 'Microsoft 365', '52.00', GOVERNMENT),
  microsoft('offer-m365-a3', 'Microsoft 365 A3', 'Microsoft_365_A3', 'Microsoft 365', '3.25', EDUCATION),
  microsoft('offer-m365-a5', 'Microsoft 365 A5', 'Microsoft_365_A5', 'Microsoft 365', '8.00', EDUCATION),
  // Standalone products
  microsoft('offer-ems-e3', 'Enterprise Mobility + Security E3', 'Enterprise_Mobility_+_Security_E3', 'Enterprise Mobility + Security', '10.60'),
  microsoft('offer-ems-e5', 'Enterprise Mobility + Security E5', 'Enterprise_Mobility_+_Security_E5', 'Enterprise Mobility + Security', '16.40'),
  microsoft('offer-windows-e3', 'Windows 10/11 Enterprise E3', 'Windows_10/11_Enterprise_E3', 'Windows Enterprise', '7.00'),
  microsoft('offer-windows-e3-vda', 'Windows 10/11 Enterprise E3 VDA', 'Windows_10/11_Enterprise_E3_VDA', 'Windows Enterprise', '7.00'),
  microsoft('offer-windows-e5', 'Windows 10/11 Enterprise E5', 'Windows_10/11_Enterprise_E5', 'Windows Enterprise', '11.00'),
  microsoft('offer-universal-print', 'Universal Print', 'Universal_Print', 'Universal Print', '5.00'),
  microsoft('offer-d365-hr-self-service', 'Dynamics 365 Human Resources Self Service', 'Dynamics_365_Human_Resources_Self_Service', 'Dynamics 365', '4.00'),
  microsoft('offer-project-online-essentials', 'Project Online Essentials', 'Project_Online_Essentials', 'Project', '7.00'),
  microsoft('offer-d365-team-members', 'Dynamics 365 Team Members', 'Dynamics_365_Team_Members', 'Dynamics 365', '8.00'),
  microsoft('offer-defender-endpoint-p1', 'Microsoft Defender for Endpoint P1', 'Microsoft_Defender_for_Endpoint_P1', 'Microsoft Defender', '3.00'),
  microsoft('offer-defender-endpoint-p2', 'Microsoft Defender for Endpoint P2', 'Microsoft_Defender_for_Endpoint_P2', 'Microsoft Defender', '5.20'),
  microsoft('offer-teams-enterprise', 'Microsoft Teams Enterprise', 'Microsoft_Teams_Enterprise', 'Microsoft Teams', '5.25'),
  microsoft('offer-power-bi-pro', 'Power BI Pro', 'Power_BI_Pro', 'Power BI', '14.00', { segments: ALL_SEGMENTS }),
  // Security and compliance suites that need a base suite (CAT-10: suites may name prerequisite SKUs)
  microsoft('offer-m365-e5-security', 'Microsoft 365 E5 Security', 'Microsoft_365_E5_Security', 'Microsoft 365', '12.00', {
    prerequisites: ['Microsoft_365_E3_(no_Teams)', 'Microsoft_365_E3'],
  }),
  microsoft('offer-m365-e5-compliance', 'Microsoft 365 E5 Compliance', 'Microsoft_365_E5_Compliance', 'Microsoft 365', '12.00', {
    prerequisites: ['Microsoft_365_E3_(no_Teams)', 'Microsoft_365_E3'],
  }),
  microsoft('offer-m365-ediscovery-audit', 'Microsoft 365 E5 eDiscovery and Audit', 'Microsoft_365_E5_eDiscovery_and_Audit', 'Microsoft 365', '6.00', {
    prerequisites: ['Microsoft_365_E3_(no_Teams)', 'Microsoft_365_E3'],
  }),
  // Add-ons with prerequisites and quantity rules (CAT-7)
  microsoft('offer-m365-copilot', 'Microsoft 365 Copilot', 'Microsoft_365_Copilot', 'Microsoft 365 Copilot', '30.00', {
    ...ANNUAL_TERMS,
    prerequisites: COPILOT_BASES,
    addOnRule: 'COPILOT_MAX_BASE',
  }),
  microsoft('offer-multi-geo', 'Multi-Geo Capabilities in Microsoft 365', 'Multi-Geo_Capabilities_in_Microsoft_365', 'Microsoft 365', '2.00', {
    prerequisites: MULTI_GEO_BASES,
    addOnRule: 'MULTI_GEO_MIN_PERCENT',
    addOnPercent: 5,
  }),
  // Trials (CAT-9) and their paid equivalents (TRI-2)
  microsoft('offer-m365-e5-no-teams-trial', 'Microsoft 365 E5 (no Teams) Trial', 'Microsoft_365_E5_(no_Teams)_Trial', 'Microsoft 365', '0.00', {
    ...TRIAL,
    paidOfferId: 'offer-m365-e5-no-teams',
  }),
  microsoft('offer-m365-business-premium-trial', 'Microsoft 365 Business Premium Trial', 'Microsoft_365_Business_Premium_Trial', 'Microsoft 365', '0.00', {
    ...TRIAL,
    paidOfferId: 'offer-m365-business-premium',
  }),
  // Software (SW-*): server subscriptions, perpetual software, Linux plans, extended security updates
  microsoft('offer-windows-server-2022-std', 'Windows Server 2022 Standard - 16 Core License Pack (subscription)', 'Windows_Server_2022_Standard_16_Core', 'Windows Server', '60.00', {
    ...SERVER_SUBSCRIPTION,
    ...SOFTWARE_TERMS,
    software: { versions: WINDOWS_SERVER_VERSIONS, languages: SERVER_LANGUAGES, fileTypes: ['ISO', 'VHD'], keyKind: 'MULTIPLE_ACTIVATION' },
  }),
  microsoft('offer-sql-server-2022-std', 'SQL Server 2022 Standard - 2 Core License Pack (subscription)', 'SQL_Server_2022_Standard_2_Core', 'SQL Server', '160.00', {
    ...SERVER_SUBSCRIPTION,
    ...SOFTWARE_TERMS,
    // SW-2: SQL Server media are pre-keyed: the product has no key and says so.
    software: { versions: ['SQL Server 2022', 'SQL Server 2019'], languages: SERVER_LANGUAGES, fileTypes: ['Windows', 'Linux'], keyKind: 'NONE' },
  }),
  microsoft('offer-windows-server-rds-cal', 'Windows Server 2022 Remote Desktop Services - User CAL (subscription)', 'Windows_Server_2022_RDS_User_CAL', 'Windows Server', '9.50', {
    ...SERVER_SUBSCRIPTION,
    termDurations: ['P1Y', 'P3Y'],
    billingFrequencies: ['MONTHLY', 'ANNUAL', 'TRIENNIAL'],
    // SW-3: RDS CALs may also be billed monthly.
    termBilling: [
      { termDuration: 'P1Y', billingFrequencies: ['MONTHLY', 'ANNUAL'] },
      { termDuration: 'P3Y', billingFrequencies: ['MONTHLY', 'ANNUAL', 'TRIENNIAL'] },
    ],
    software: { versions: ['Windows Server 2022'], keyKind: 'NONE' },
  }),
  microsoft('offer-windows-server-2012-esu', 'Windows Server 2012/2012 R2 Extended Security Updates (subscription)', 'Windows_Server_2012_ESU', 'Windows Server', '25.00', {
    ...SERVER_SUBSCRIPTION,
    termDurations: ['P1Y'],
    billingFrequencies: ['ANNUAL'],
    software: {
      versions: ['Windows Server 2012', 'Windows Server 2012 R2'],
      keyKind: 'NONE',
      installInstructionsUrl: 'https://learn.microsoft.com/windows-server/get-started/extended-security-updates-deploy',
    },
  }),
  microsoft('offer-windows-server-2022-dc-perpetual', 'Windows Server 2022 Datacenter - 2 Core (perpetual)', 'Windows_Server_2022_Datacenter_2_Core_Perpetual', 'Windows Server', '740.00', {
    isSoftware: true,
    isPerpetual: true,
    termDurations: [],
    billingFrequencies: [],
    software: { versions: WINDOWS_SERVER_VERSIONS, languages: SERVER_LANGUAGES, fileTypes: ['ISO'], keyKind: 'MULTIPLE_ACTIVATION' },
  }),
  microsoft('offer-rhel-server', 'Red Hat Enterprise Linux Server - 1 Year Plan', 'Red_Hat_Enterprise_Linux_Server_1Y', 'Red Hat', '45.00', {
    ...SERVER_SUBSCRIPTION,
    ...SOFTWARE_TERMS,
    cancellable: false,
    exchangeable: false,
    software: { versions: ['Red Hat Enterprise Linux 9', 'Red Hat Enterprise Linux 8'], keyKind: 'NONE' },
  }),
  microsoft('offer-suse-sles', 'SUSE Linux Enterprise Server Standard - 1 Year Plan', 'SUSE_Linux_Enterprise_Server_Standard_1Y', 'SUSE', '38.00', {
    ...SERVER_SUBSCRIPTION,
    ...SOFTWARE_TERMS,
    cancellable: false,
    exchangeable: false,
    software: { versions: ['SUSE Linux Enterprise Server 15'], keyKind: 'NONE' },
  }),
  // CAT-8: Azure reservations, not sold in the markets of seed 003, to commercial customers only
  microsoft('offer-azure-ri-d2s-v5', 'Azure Reserved VM Instance D2s v5', 'Azure_Reserved_VM_Instance_D2s_v5', 'Azure reservations', '52.00', {
    billingType: 'USAGE',
    termDurations: ['P1Y', 'P3Y'],
    billingFrequencies: ['MONTHLY', 'ANNUAL', 'TRIENNIAL'],
    markets: RESERVATION_MARKETS,
    azureReservation: true,
    commercialOnly: true,
    segments: ['COMMERCIAL'],
  }),
  // Marketplace SaaS of ISVs, one for each reason of CAT-5
  isv(microsoft('offer-isv-contoso-backup', 'Contoso Backup for Microsoft 365', 'Contoso_Backup_M365', 'Contoso Backup', '4.00', ANNUAL_TERMS), 'Contoso Software', {
    // CAT-5: the ISV does not support billing in these countries
    markets: ALL_MARKETS.filter((m) => !['BR', 'IN', 'CN'].includes(m)),
    setupUrl: 'https://backup.contoso-software.example/csp/setup',
  }),
  isv(microsoft('offer-isv-fabrikam-securemail', 'Fabrikam Secure Mail (partner exclusive)', 'Fabrikam_Secure_Mail', 'Fabrikam Secure Mail', '6.50', ANNUAL_TERMS), 'Fabrikam Inc.', {
    // CAT-5: exclusive to Contoso Cloud and Tailspin Cloud (by PartnerID)
    exclusivePartners: ['1000001', '1000004'],
    setupUrl: 'https://securemail.fabrikam.example/activate',
  }),
  isv(microsoft('offer-isv-adatum-projecthub', 'Adatum Project Hub (30-day free trial)', 'Adatum_Project_Hub', 'Adatum Project Hub', '9.00', ANNUAL_TERMS), 'Adatum Corporation', {
    marketplaceTrialDays: 30,
    setupUrl: 'https://projecthub.adatum.example/landing',
  }),
  isv(microsoft('offer-isv-proseware-analytics', 'Proseware Analytics Cloud', 'Proseware_Analytics_Cloud', 'Proseware Analytics', '15.00', ANNUAL_TERMS), 'Proseware, Inc.', {
    // CAT-5: the ISV opted out of the CSP programme
    cspOptOut: true,
    setupUrl: 'https://analytics.proseware.example/setup',
  }),
  isv(microsoft('offer-isv-litware-containers', 'Litware Inference Containers', 'Litware_Inference_Containers', 'Litware AI', '0.10', ANNUAL_TERMS), 'Litware AI', {
    // CAT-5: containers are not transactable through Partner Center
    billingType: 'USAGE',
    transactable: false,
  }),
];

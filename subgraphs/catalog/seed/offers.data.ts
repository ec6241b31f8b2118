import { ALL_MARKETS, RESERVATION_EXCLUDED_MARKETS } from './markets';

/** One SKU of the seeded catalog (SPEC §4), before prices are expanded per market. */
export interface OfferSeed {
  id: string;
  name: string;
  provisioningId: string;
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
  /** Demo list price in USD per unit and month (converted per market). */
  usdPrice: string;
}

const ALL_SEGMENTS = ['COMMERCIAL', 'EDUCATION', 'GOVERNMENT', 'NONPROFIT'];
const COMMERCIAL = ['COMMERCIAL', 'NONPROFIT'];
const NCE_TERMS = { termDurations: ['P1M', 'P1Y', 'P3Y'], billingFrequencies: ['MONTHLY', 'ANNUAL', 'TRIENNIAL'] };
const ANNUAL_TERMS = { termDurations: ['P1M', 'P1Y'], billingFrequencies: ['MONTHLY', 'ANNUAL'] };
const SERVER_MARKETS = ALL_MARKETS.filter((m) => !RESERVATION_EXCLUDED_MARKETS.includes(m));

function microsoft(
  id: string,
  name: string,
  provisioningId: string,
  productFamily: string,
  usdPrice: string,
  extra: Partial<OfferSeed> = {},
): OfferSeed {
  return {
    id,
    name,
    provisioningId,
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

const EOS = { lifecycle: 'END_OF_SALE' as const };
const SMB = { category: 'SMALL_BUSINESS' as const, maxQuantity: 300 };
const COPILOT_BASES = [
  'Microsoft_365_E3_(no_Teams)',
  'Microsoft_365_E5_(no_Teams)',
  'Microsoft_365_E3',
  'Microsoft_365_E5',
  'Office_365_E3_(no_Teams)',
  'Office_365_E5_(no_Teams)',
  'Microsoft_365_Business_Standard',
  'Microsoft_365_Business_Premium',
];

export const OFFER_SEEDS: OfferSeed[] = [
  microsoft('offer-m365-e3-no-teams', 'Microsoft 365 E3 (no Teams)', 'Microsoft_365_E3_(no_Teams)', 'Microsoft 365', '33.75', { minQuantity: 1 }),
  microsoft('offer-m365-e5-no-teams', 'Microsoft 365 E5 (no Teams)', 'Microsoft_365_E5_(no_Teams)', 'Microsoft 365', '54.75', {
    trialOfferId: 'offer-m365-e5-no-teams-trial',
  }),
  microsoft('offer-m365-e3', 'Microsoft 365 E3', 'Microsoft_365_E3', 'Microsoft 365', '36.00', EOS),
  microsoft('offer-m365-e5', 'Microsoft 365 E5', 'Microsoft_365_E5', 'Microsoft 365', '57.00', EOS),
  microsoft('offer-m365-business-basic', 'Microsoft 365 Business Basic', 'Microsoft_365_Business_Basic', 'Microsoft 365', '6.00', SMB),
  microsoft('offer-m365-business-standard', 'Microsoft 365 Business Standard', 'Microsoft_365_Business_Standard', 'Microsoft 365', '12.50', SMB),
  microsoft('offer-m365-business-premium', 'Microsoft 365 Business Premium', 'Microsoft_365_Business_Premium', 'Microsoft 365', '22.00', {
    ...SMB,
    trialOfferId: 'offer-m365-business-premium-trial',
  }),
  microsoft('offer-m365-apps-business', 'Microsoft 365 Apps for business', 'Microsoft_365_Apps_for_business', 'Microsoft 365', '8.25', SMB),
  microsoft('offer-m365-apps-enterprise', 'Microsoft 365 Apps for enterprise', 'Microsoft_365_Apps_for_enterprise', 'Microsoft 365', '12.00'),
  microsoft('offer-o365-e1-no-teams', 'Office 365 E1 (no Teams)', 'Office_365_E1_(no_Teams)', 'Office 365', '7.75'),
  microsoft('offer-o365-e3-no-teams', 'Office 365 E3 (no Teams)', 'Office_365_E3_(no_Teams)', 'Office 365', '20.75'),
  microsoft('offer-o365-e5-no-teams', 'Office 365 E5 (no Teams)', 'Office_365_E5_(no_Teams)', 'Office 365', '35.75'),
  microsoft('offer-o365-e1', 'Office 365 E1', 'Office_365_E1', 'Office 365', '10.00', EOS),
  microsoft('offer-o365-e3', 'Office 365 E3', 'Office_365_E3', 'Office 365', '23.00', { lifecycle: 'END_OF_SALE_WITH_CONVERSIONS' }),
  microsoft('offer-o365-e5', 'Office 365 E5', 'Office_365_E5', 'Office 365', '38.00', EOS),
  microsoft('offer-m365-f1', 'Microsoft 365 F1', 'Microsoft_365_F1', 'Microsoft 365', '2.25'),
  microsoft('offer-m365-f3', 'Microsoft 365 F3', 'Microsoft_365_F3', 'Microsoft 365', '8.00'),
  microsoft('offer-ems-e3', 'Enterprise Mobility + Security E3', 'Enterprise_Mobility_+_Security_E3', 'Enterprise Mobility + Security', '10.60'),
  microsoft('offer-ems-e5', 'Enterprise Mobility + Security E5', 'Enterprise_Mobility_+_Security_E5', 'Enterprise Mobility + Security', '16.40'),
  microsoft('offer-teams-enterprise', 'Microsoft Teams Enterprise', 'Microsoft_Teams_Enterprise', 'Microsoft Teams', '5.25'),
  microsoft('offer-power-bi-pro', 'Power BI Pro', 'Power_BI_Pro', 'Power BI', '14.00', { segments: ALL_SEGMENTS }),
  microsoft('offer-m365-copilot', 'Microsoft 365 Copilot', 'Microsoft_365_Copilot', 'Microsoft 365 Copilot', '30.00', {
    ...ANNUAL_TERMS,
    prerequisites: COPILOT_BASES,
  }),
  microsoft('offer-multi-geo', 'Multi-Geo Capabilities in Microsoft 365', 'Multi-Geo_Capabilities_in_Microsoft_365', 'Microsoft 365', '2.00', {
    prerequisites: ['Microsoft_365_E3_(no_Teams)', 'Microsoft_365_E5_(no_Teams)', 'Microsoft_365_E3', 'Microsoft_365_E5', 'Office_365_E3_(no_Teams)', 'Office_365_E5_(no_Teams)'],
  }),
  microsoft('offer-m365-e5-no-teams-trial', 'Microsoft 365 E5 (no Teams) Trial', 'Microsoft_365_E5_(no_Teams)_Trial', 'Microsoft 365', '0.00', {
    category: 'TRIAL',
    termDurations: ['P1M'],
    billingFrequencies: ['MONTHLY'],
    minQuantity: 25,
    maxQuantity: 25,
    onePerCustomer: true,
  }),
  microsoft('offer-m365-business-premium-trial', 'Microsoft 365 Business Premium Trial', 'Microsoft_365_Business_Premium_Trial', 'Microsoft 365', '0.00', {
    category: 'TRIAL',
    termDurations: ['P1M'],
    billingFrequencies: ['MONTHLY'],
    minQuantity: 25,
    maxQuantity: 25,
    onePerCustomer: true,
  }),
  microsoft('offer-windows-server-2022-std', 'Windows Server 2022 Standard - 16 Core License Pack (subscription)', 'Windows_Server_2022_Standard_16_Core', 'Windows Server', '60.00', {
    termDurations: ['P1Y', 'P3Y'],
    billingFrequencies: ['ANNUAL', 'TRIENNIAL'],
    markets: SERVER_MARKETS,
  }),
  microsoft('offer-sql-server-2022-std', 'SQL Server 2022 Standard - 2 Core License Pack (subscription)', 'SQL_Server_2022_Standard_2_Core', 'SQL Server', '160.00', {
    termDurations: ['P1Y', 'P3Y'],
    billingFrequencies: ['ANNUAL', 'TRIENNIAL'],
    markets: SERVER_MARKETS,
  }),
  microsoft('offer-windows-server-rds-cal', 'Windows Server 2022 Remote Desktop Services - User CAL (subscription)', 'Windows_Server_2022_RDS_User_CAL', 'Windows Server', '9.50', {
    termDurations: ['P1Y', 'P3Y'],
    billingFrequencies: ['MONTHLY', 'ANNUAL', 'TRIENNIAL'],
    markets: SERVER_MARKETS,
  }),
  microsoft('offer-windows-server-2022-dc-perpetual', 'Windows Server 2022 Datacenter - 2 Core (perpetual)', 'Windows_Server_2022_Datacenter_2_Core_Perpetual', 'Windows Server', '740.00', {
    termDurations: [],
    billingFrequencies: [],
    markets: SERVER_MARKETS,
  }),
  microsoft('offer-rhel-server', 'Red Hat Enterprise Linux Server - 1 Year Plan', 'Red_Hat_Enterprise_Linux_Server_1Y', 'Red Hat', '45.00', {
    termDurations: ['P1Y', 'P3Y'],
    billingFrequencies: ['ANNUAL', 'TRIENNIAL'],
    markets: SERVER_MARKETS,
  }),
  microsoft('offer-azure-ri-d2s-v5', 'Azure Reserved VM Instance D2s v5', 'Azure_Reserved_VM_Instance_D2s_v5', 'Azure reservations', '52.00', {
    billingType: 'USAGE',
    termDurations: ['P1Y', 'P3Y'],
    billingFrequencies: ['MONTHLY', 'ANNUAL', 'TRIENNIAL'],
    markets: SERVER_MARKETS,
  }),
  {
    ...microsoft('offer-isv-contoso-backup', 'Contoso Backup for Microsoft 365', 'Contoso_Backup_M365', 'Contoso Backup', '4.00', ANNUAL_TERMS),
    publisher: 'ISV',
    isvPublisher: 'Contoso Software',
    markets: ALL_MARKETS.filter((m) => !['BR', 'IN', 'CN'].includes(m)),
  },
  {
    ...microsoft('offer-isv-fabrikam-securemail', 'Fabrikam Secure Mail (partner exclusive)', 'Fabrikam_Secure_Mail', 'Fabrikam Secure Mail', '6.50', ANNUAL_TERMS),
    publisher: 'ISV',
    isvPublisher: 'Fabrikam Inc.',
  },
  {
    ...microsoft('offer-isv-adatum-projecthub', 'Adatum Project Hub (30-day free trial)', 'Adatum_Project_Hub', 'Adatum Project Hub', '9.00', ANNUAL_TERMS),
    publisher: 'ISV',
    isvPublisher: 'Adatum Corporation',
  },
];

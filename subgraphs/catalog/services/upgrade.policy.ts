import Decimal from 'decimal.js';
import { SUITE_TAXONOMY, UNSUPPORTED_UPGRADES, type UpgradeKindCode } from '../seed/upgrades.data';

/** What the upgrade policy needs to know about a SKU. */
export interface UpgradeSku {
  id: string;
  provisioningId: string;
  lifecycle: 'AVAILABLE' | 'END_OF_SALE' | 'END_OF_SALE_WITH_CONVERSIONS';
  category: 'ENTERPRISE' | 'SMALL_BUSINESS' | 'TRIAL';
  /** O/M suites: with or without Teams; null for everything else. */
  teams: 'WITH' | 'WITHOUT' | null;
  /** Reference list price (USD per unit and month), an exact decimal string. */
  listPrice: string;
  maxQuantity: number;
  /** SW-4: false for Red Hat and SUSE plans, which can never be exchanged. */
  exchangeable?: boolean;
}

/** Finer reason codes of an ineligible upgrade. */
export type UpgradeRefusal =
  | 'SAME_SKU'
  | 'TRIAL_SOURCE'
  | 'UNSUPPORTED_PATH'
  | 'TEAMS_NOT_RESTORABLE'
  | 'TARGET_END_OF_SALE'
  | 'DOWNGRADE'
  | 'NOT_HIGHER_VALUE'
  | 'NO_UPGRADE_PATH'
  | 'NOT_EXCHANGEABLE';

export interface UpgradeDecision {
  eligible: boolean;
  kind?: UpgradeKindCode;
  /** `UPGRADE_NOT_ELIGIBLE` when refused (the API's ErrorCode). */
  reason?: 'UPGRADE_NOT_ELIGIBLE';
  detail?: UpgradeRefusal;
  message?: string;
  rule?: string;
}

export interface UpgradeQuestion {
  source: UpgradeSku;
  target: UpgradeSku;
  /** Kind of the declared path source → target, if the data declares one. */
  declared?: UpgradeKindCode;
  /** Whether the data declares target → source (then source → target is a downgrade). */
  reverseDeclared: boolean;
}

const UNSUPPORTED = new Set(UNSUPPORTED_UPGRADES.flatMap((row) => row.to.map((to) => `${row.from}→${to}`)));

/** CAT-10: seed 002 lists this pair among the upgrades Partner Center does not support. */
export function isUnsupportedUpgrade(from: string, to: string): boolean {
  return UNSUPPORTED.has(`${from}→${to}`);
}

/** CAT-11: persona and sector of a suite, from the seed 002 table; undefined for non-suites. */
export function suiteOf(provisioningId: string) {
  return SUITE_TAXONOMY[provisioningId];
}

function refuse(detail: UpgradeRefusal, message: string, rule = 'CAT-10'): UpgradeDecision {
  return { eligible: false, reason: 'UPGRADE_NOT_ELIGIBLE', detail, message, rule };
}

/** A move to a lower tier of the same persona × sector column (M365 E5 → M365 E3). */
function isTierDowngrade(source: UpgradeSku, target: UpgradeSku): boolean {
  const from = suiteOf(source.provisioningId);
  const to = suiteOf(target.provisioningId);
  return Boolean(from && to && from.persona === to.persona && from.sector === to.sector && to.tier < from.tier);
}

/** CAT-10 category switch: the target costs more, or removes a constraint (SMB cap, FLW limits). */
function isHigherValue(source: UpgradeSku, target: UpgradeSku): boolean {
  if (new Decimal(target.listPrice).gt(source.listPrice)) return true;
  if (target.maxQuantity > source.maxQuantity) return true;
  return suiteOf(source.provisioningId)?.persona === 'FRONTLINE_WORKER' && suiteOf(target.provisioningId)?.persona === 'INFORMATION_WORKER';
}

/**
 * Is source → target an eligible upgrade, and if not, why (CAT-10, CAT-3)? Pure: the
 * declared paths come in as data. Checks run from the most specific refusal to the most
 * general, so a path the data declares is still refused when seed 002 says it is not
 * supported, when it would restore Teams, or when it is really a downgrade.
 */
export function evaluateUpgrade({ source, target, declared, reverseDeclared }: UpgradeQuestion): UpgradeDecision {
  if (source.id === target.id) return refuse('SAME_SKU', 'An upgrade needs a different SKU');
  if (source.exchangeable === false) return refuse('NOT_EXCHANGEABLE', `${source.provisioningId} can never be exchanged for another SKU`, 'SW-4');
  // TRI-3: a trial is converted (convertTrial), not upgraded.
  if (source.category === 'TRIAL') return refuse('TRIAL_SOURCE', 'A trial is converted to its paid equivalent or a higher SKU, not upgraded', 'TRI-3');
  if (isUnsupportedUpgrade(source.provisioningId, target.provisioningId)) {
    return refuse('UNSUPPORTED_PATH', `The upgrade ${source.provisioningId} → ${target.provisioningId} is not supported (seed 002)`);
  }
  if (source.teams === 'WITHOUT' && target.teams === 'WITH') {
    return refuse('TEAMS_NOT_RESTORABLE', 'Suites without Teams cannot be upgraded to suites with Teams (those are end of sale)');
  }
  if (target.lifecycle === 'END_OF_SALE') {
    return refuse('TARGET_END_OF_SALE', `${target.provisioningId} is end of sale and not a conversion target`, 'CAT-3');
  }
  if (reverseDeclared || isTierDowngrade(source, target)) return refuse('DOWNGRADE', 'Downgrades are not supported');
  if (!declared) return refuse('NO_UPGRADE_PATH', `No upgrade path leads from ${source.provisioningId} to ${target.provisioningId}`);
  if (declared === 'CATEGORY_SWITCH' && !isHigherValue(source, target)) {
    return refuse('NOT_HIGHER_VALUE', 'A category switch must cost more, add value or remove a constraint');
  }
  return { eligible: true, kind: declared };
}

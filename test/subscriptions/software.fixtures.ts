import type { GraphQLResponse, TestStack } from '../support/stack';

export const KEYS_FIELDS = 'subscriptionId orderLineId version productKey keyType note downloadLinks downloads { url language fileType fileName expiresAt } linksExpireAt installInstructionsUrl';

export interface KeyRequest {
  subscriptionId?: string;
  orderLineId?: string;
  version: string;
  language?: string;
  fileType?: string;
}

/** SW-2: generateSoftwareKeys(input) → `{ keys { … } errors { … } }`. */
export function generateKeys(t: TestStack, token: string, input: KeyRequest): Promise<GraphQLResponse> {
  return t.gql(token, `mutation($i: GenerateSoftwareKeysInput!) { generateSoftwareKeys(input: $i) { keys { ${KEYS_FIELDS} } errors { code message rule field } } }`, { i: input });
}

/** SW-4 / SW-5: cancelSoftwarePurchase(input) with the order's lines, refund and window. */
export function cancelPurchase(t: TestStack, token: string, orderId: string, lineId: string): Promise<GraphQLResponse> {
  return t.gql(
    token,
    `mutation($i: CancelSoftwarePurchaseInput!) { cancelSoftwarePurchase(input: $i) {
      order { id lines { id status subscription { id status } ledger { kind amount { amount currency } } cancellationDeadline } }
      refund { amount currency } cancellationDeadline subscription { id status ledger { kind amount { amount currency } } }
      errors { code message rule field } } }`,
    { i: { orderId, lineId } },
  );
}

/** SW-2: the caller's software activity log. */
export function activityLog(t: TestStack, token: string, range: { from?: string; to?: string } = {}, first = 100): Promise<GraphQLResponse> {
  return t.gql(
    token,
    `query($from: DateTime, $to: DateTime, $first: Int) { softwareActivityLog(from: $from, to: $to, first: $first) {
      totalCount edges { node { userId action subscriptionId orderLineId offerId version language fileType at } } } }`,
    { ...range, first },
  );
}

/** GET of a download link through the gateway, without following the redirect. */
export async function download(t: TestStack, path: string, token?: string): Promise<{ status: number; location: string | null }> {
  const response = await fetch(new URL(path, t.gatewayUrl), { headers: token ? { authorization: `Bearer ${token}` } : {}, redirect: 'manual' });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get('location') };
}

/** Rows that key views, downloads and cancellations write, for before/after assertions. */
export async function softwareRows(t: TestStack): Promise<Record<string, number>> {
  const { rows } = await t.db.query(`select
      (select count(*) from subscriptions.software_key)::int as keys,
      (select count(*) from subscriptions.software_download_link)::int as links,
      (select count(*) from subscriptions.software_activity)::int as activity,
      (select count(*) from subscriptions.software_ledger_entry)::int as credits,
      (select count(*) from platform.audit_record)::int as audits`);
  return rows[0];
}

import { portOf } from '../../../shared/config';

/**
 * Links handed to customers (REL-2) and resellers (RES-1) point at the public host of the
 * gateway (`PUBLIC_URL`), never at a subgraph; the id in the path makes each link unique.
 */
export function publicUrl(): string {
  return (process.env.PUBLIC_URL ?? `http://127.0.0.1:${portOf('gateway')}`).replace(/\/+$/, '');
}

export const relationshipRequestUrl = (id: string) => `${publicUrl()}/relationship-requests/${encodeURIComponent(id)}`;
export const resellerInvitationUrl = (id: string) => `${publicUrl()}/reseller-invitations/${encodeURIComponent(id)}`;

/** RES-1: the draft email a provider sends to the reseller, containing the invitation link. */
export function invitationEmailDraft(providerName: string, resellerEmail: string, url: string): string {
  return [
    `To: ${resellerEmail}`,
    `Subject: ${providerName} invites you to become its indirect reseller`,
    '',
    'Hello,',
    '',
    `${providerName} would like to work with you as an indirect reseller in the Cloud Solution Provider programme.`,
    `To accept, sign in with an admin agent account of your reseller tenant and open this link:`,
    '',
    url,
    '',
    'Your PartnerID must be onboarded in the programme and the partner agreement (MPA) signed.',
    '',
    `Kind regards,`,
    providerName,
  ].join('\n');
}

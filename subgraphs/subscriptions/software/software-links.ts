import { createHmac, timingSafeEqual } from 'node:crypto';
import { gatewaySecret, SOFTWARE_DOWNLOAD_PATH } from '../../../shared/config';

/**
 * SW-2: signing of product keys and download links. Both are derived from the secret the
 * gateway and the subgraphs share (GATEWAY_SECRET, required in production), each under its
 * own purpose, so neither can be forged from outside.
 */
function derivedKey(purpose: string): Buffer {
  return createHmac('sha256', gatewaySecret()).update(`software|${purpose}`).digest();
}

export function productKeySecret(): Buffer {
  return derivedKey('product-keys');
}


function signature(linkId: string, expires: number): string {
  return createHmac('sha256', derivedKey('download-links')).update(`${linkId}.${expires}`).digest('base64url');
}

/** The signed, expiring URL path of a download link, relative to the gateway. */
export function downloadUrl(linkId: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `${SOFTWARE_DOWNLOAD_PATH}${linkId}?expires=${expires}&signature=${signature(linkId, expires)}`;
}

/** Whether `given` is the signature of this link and expiry (constant time). */
export function signatureMatches(linkId: string, expires: number, given: string): boolean {
  const expected = Buffer.from(signature(linkId, expires));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Where the file of a valid link lives (SOFTWARE_DOWNLOAD_ORIGIN, the software distribution host). */
export function fileLocation(offerId: string, fileName: string): string {
  const origin = (process.env.SOFTWARE_DOWNLOAD_ORIGIN ?? 'https://software-download.csp.example').replace(/\/$/, '');
  return `${origin}/${encodeURIComponent(offerId)}/${encodeURIComponent(fileName)}`;
}

import { createHmac } from 'node:crypto';

/**
 * SW-2 and SW-5 as pure functions: the product key of a target and version, what an
 * ADMIN_AGENT's choice of version, language and file type yields, and the perpetual
 * cancellation window. Unit-tested without a database.
 */

/** Characters of product keys (no vowels or look-alikes), as in Microsoft's keys. */
const KEY_ALPHABET = 'BCDFGHJKMPQRTVWXY2346789';

/**
 * SW-2: the multiple-activation key of a software subscription or perpetual order line and a
 * version — deterministic (an HMAC of the target and version under the platform's secret), so
 * the key stored at the first view is the one every later view shows. Never a KMS key: KMS
 * client keys are public and shared by every customer, these are not.
 */
export function productKeyFor(secret: string | Buffer, targetId: string, version: string): string {
  const digest = createHmac('sha256', secret).update(`product-key|${targetId}|${version}`).digest();
  const chars = Array.from({ length: 25 }, (_, i) => KEY_ALPHABET[digest.readUInt16BE(i) % KEY_ALPHABET.length]);
  return [0, 5, 10, 15, 20].map((at) => chars.slice(at, at + 5).join('')).join('-');
}

/** The choices a software product offers (catalog data, SW-2). */
export interface SoftwareChoices {
  versions: readonly string[];
  languages: readonly string[];
  fileTypes: readonly string[];
  keyType: 'MULTIPLE_ACTIVATION' | 'NONE';
  installInstructionsUrl?: string | null;
}

export interface SoftwareRequest {
  version: string;
  language?: string | null;
  fileType?: string | null;
}

export interface Download {
  language: string | null;
  fileType: string;
}

export type Selection = { ok: true; downloads: Download[] } | { ok: false; message: string; field: string };

/**
 * SW-2: what a choice yields. The version must be one of the product's; a language or file type,
 * where given, one of its own (none given: every one the product has). Extended-security-update
 * products give install instructions instead of downloads; products without file types have no
 * downloads.
 */
export function selectDownloads(product: SoftwareChoices, request: SoftwareRequest): Selection {
  if (!product.versions.includes(request.version)) return { ok: false, message: `Choose a version: ${product.versions.join(', ')}`, field: 'version' };
  if (request.language && !product.languages.includes(request.language)) {
    return { ok: false, message: product.languages.length ? `Choose a language: ${product.languages.join(', ')}` : 'This product has no language choice', field: 'language' };
  }
  if (request.fileType && !product.fileTypes.includes(request.fileType)) {
    return { ok: false, message: product.fileTypes.length ? `Choose a file type: ${product.fileTypes.join(', ')}` : 'This product has no downloads', field: 'fileType' };
  }
  if (product.installInstructionsUrl || !product.fileTypes.length) return { ok: true, downloads: [] };
  const languages: (string | null)[] = request.language ? [request.language] : product.languages.length ? [...product.languages] : [null];
  const fileTypes = request.fileType ? [request.fileType] : [...product.fileTypes];
  return { ok: true, downloads: languages.flatMap((language) => fileTypes.map((fileType) => ({ language, fileType }))) };
}

/** The file a download serves, named after the product, version, language and file type. */
export function fileNameFor(provisioningId: string, version: string, download: Download): string {
  const part = (text: string) => text.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '');
  const extension = /^[A-Za-z0-9]{2,4}$/.test(download.fileType) && download.fileType === download.fileType.toUpperCase() ? download.fileType.toLowerCase() : 'zip';
  return [part(provisioningId), part(version), download.language ? part(download.language) : null, part(download.fileType)].filter(Boolean).join('_') + `.${extension}`;
}

/** SW-2: download links expire this long after they were issued (business clock). */
export const DOWNLOAD_LINK_TTL_MS = 4 * 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * SW-5: perpetual software can be cancelled within 30 calendar days of purchase: through the end
 * of the 30th day after the day of purchase (UTC). Returns the first instant it no longer can.
 */
export function perpetualCancellationDeadline(purchasedAt: Date): Date {
  const day = Date.UTC(purchasedAt.getUTCFullYear(), purchasedAt.getUTCMonth(), purchasedAt.getUTCDate());
  return new Date(day + 31 * DAY_MS);
}

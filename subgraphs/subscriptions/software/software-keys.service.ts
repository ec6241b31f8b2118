import { recordEvent, requireIdentity } from '../../../shared/context';
import { badInput, conflict, ensure } from '../../../shared/errors';
import { SoftwareKeyType, SubscriptionStatus } from '../../../shared/graphql/enums';
import { newId } from '../../../shared/ids';
import { OrderLineStatus } from '../entities/order-line.entity';
import { SoftwareActivity, SoftwareActivityAction } from '../entities/software-activity.entity';
import { SoftwareDownloadLink, SoftwareKey } from '../entities/software-key.entity';
import type { SubscriptionsContext } from '../context';
import type { GenerateSoftwareKeysInput } from '../types/software.types';
import { SoftwareDownload, SoftwareKeys } from '../types/software.types';
import { offerIdOf, ownSoftwareTarget, targetIdOf, type SoftwareOfferFacts, type SoftwareTarget } from './software-facts';
import { downloadUrl, productKeySecret } from './software-links';
import { DOWNLOAD_LINK_TTL_MS, fileNameFor, productKeyFor, selectDownloads } from './software-policy';

/**
 * SW-2: an ADMIN_AGENT gets the product key and download links of a software subscription or
 * perpetual order line. The key is issued once per target and version and shown again on every
 * later view; the links are new, signed and expiring each time; every view is logged.
 */
export class SoftwareKeysService {
  async generate(tx: SubscriptionsContext, input: GenerateSoftwareKeysInput, offer: SoftwareOfferFacts | null): Promise<SoftwareKeys> {
    const identity = requireIdentity(tx);
    // The target's row lock: one key per target and version, whatever runs at the same time.
    const target = await ownSoftwareTarget(tx.em, identity, input, true);
    if (!offer || offer.offerId !== offerIdOf(target)) throw conflict('The subscription or order line changed while its catalog facts were read; retry');
    const product = offer.software;
    ensure(offer.isSoftware && product, 'INVALID_STATE', `${offer.provisioningId} is not software: it has no product keys or downloads`, 'SW-2');
    ensureServable(target);
    const version = typeof input.version === 'string' ? input.version.trim() : '';
    const selection = selectDownloads(product, { version, language: input.language?.trim() || null, fileType: input.fileType?.trim() || null });
    if (!selection.ok) throw badInput(selection.message, ['input', selection.field]);

    const now = await tx.clock.now();
    const targetId = targetIdOf(target);
    const key = await this.keyOf(tx, target, offer, version, now);
    const expiresAt = new Date(now.getTime() + DOWNLOAD_LINK_TTL_MS);
    const downloads = selection.downloads.map((download) => {
      const fileName = fileNameFor(offer.provisioningId, version, download);
      const link = tx.em.create(SoftwareDownloadLink, {
        id: newId('dl'),
        partnerId: identity.tenantId,
        targetId,
        subscriptionId: target.subscription?.id,
        orderLineId: target.line?.id,
        offerId: offer.offerId,
        version,
        language: download.language ?? undefined,
        fileType: download.fileType,
        fileName,
        createdAt: now,
        expiresAt,
      });
      return Object.assign(new SoftwareDownload(), { url: downloadUrl(link.id, expiresAt), language: download.language, fileType: download.fileType, fileName, expiresAt });
    });
    // SW-2: every key view is logged (user, action, subscription or order line, time).
    tx.em.create(SoftwareActivity, {
      id: newId('swa'),
      partnerId: identity.tenantId,
      userId: identity.userId,
      action: SoftwareActivityAction.KEYS_VIEWED,
      subscriptionId: target.subscription?.id,
      orderLineId: target.line?.id,
      offerId: offer.offerId,
      version,
      language: input.language?.trim() || undefined,
      fileType: input.fileType?.trim() || undefined,
      at: now,
    });
    await tx.em.flush();
    recordEvent(tx, {
      resourceType: target.kind === 'subscription' ? 'Subscription' : 'OrderLine',
      resourceId: targetId,
      data: { version, keyType: key.keyType, downloads: downloads.length },
    });
    return Object.assign(new SoftwareKeys(), {
      subscriptionId: target.subscription?.id ?? null,
      orderLineId: target.line?.id ?? null,
      version,
      productKey: key.productKey ?? null,
      keyType: key.keyType,
      note: noteFor(key.keyType, product.installInstructionsUrl, downloads.length),
      downloadLinks: downloads.map((d) => d.url),
      downloads,
      linksExpireAt: downloads.length ? expiresAt : null,
      installInstructionsUrl: product.installInstructionsUrl ?? null,
    });
  }

  /** The target's key for this version: the stored one, else issued now (multiple-activation, never KMS). */
  private async keyOf(tx: SubscriptionsContext, target: SoftwareTarget, offer: SoftwareOfferFacts, version: string, now: Date): Promise<SoftwareKey> {
    const targetId = targetIdOf(target);
    const stored = await tx.em.findOne(SoftwareKey, { targetId, version });
    if (stored) {
      ensure(!stored.revokedAt, 'INVALID_STATE', 'The keys and download links of this purchase were revoked when it was cancelled', 'SW-5');
      return stored;
    }
    const keyType = offer.software!.keyType === 'MULTIPLE_ACTIVATION' ? SoftwareKeyType.MULTIPLE_ACTIVATION : SoftwareKeyType.NONE;
    return tx.em.create(SoftwareKey, {
      id: newId('swk'),
      partnerId: target.subscription?.partnerId ?? target.order!.partnerId,
      customerId: target.subscription?.customerId ?? target.order!.customerId,
      targetId,
      subscriptionId: target.subscription?.id,
      orderLineId: target.line?.id,
      offerId: offer.offerId,
      version,
      productKey: keyType === SoftwareKeyType.MULTIPLE_ACTIVATION ? productKeyFor(productKeySecret(), targetId, version) : undefined,
      keyType,
      createdAt: now,
    });
  }
}

/** SW-2/SW-5: keys and downloads only for an active subscription or a perpetual line not cancelled. */
export function ensureServable(target: SoftwareTarget): void {
  if (target.kind === 'subscription') {
    const { status } = target.subscription;
    ensure(status === SubscriptionStatus.ACTIVE, 'INVALID_STATE', `Keys and downloads are available for active software subscriptions; this one is ${status}`, 'SW-2');
  } else {
    ensure(target.line.status !== OrderLineStatus.CANCELLED, 'INVALID_STATE', 'This purchase was cancelled: its keys and download links were revoked', 'SW-5');
  }
}

function noteFor(keyType: SoftwareKeyType, installInstructionsUrl: string | null | undefined, downloads: number): string | null {
  const notes: string[] = [];
  if (keyType === SoftwareKeyType.NONE) notes.push('This product has no product key');
  if (installInstructionsUrl) notes.push('Extended security updates are installed as described at installInstructionsUrl');
  else if (!downloads) notes.push('This product has no downloads');
  return notes.length ? notes.join('; ') : null;
}

export const softwareKeys = new SoftwareKeysService();

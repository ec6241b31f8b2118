import * as v from '../../../shared/validation';
import type { SubscriptionsContext } from '../context';
import type { CheckoutCartInput } from '../types/order.types';

/** A `checkoutCart` input, parsed once where the request enters (BAD_USER_INPUT otherwise) and passed down as it is. */
export interface CheckoutRequest {
  cartId: string;
  /** ORD-7: the input field, else the client's Idempotency-Key header. */
  idempotencyKey?: string;
  /** ORD-3: additional resellers by PartnerID. */
  additionalResellers: string[];
  /** ORD-2: the partner's attestation. */
  attestationAccepted: boolean;
}

export function parseCheckoutRequest(ctx: SubscriptionsContext, input: CheckoutCartInput): CheckoutRequest {
  const idempotencyKey = v.optionalText(input.idempotencyKey ?? ctx.idempotencyKey, 'idempotencyKey', 200);
  const cartId = v.requiredText(input.cartId, 'cartId', 100);
  const additionalResellers = (input.additionalResellers ?? []).map((r, i) => v.requiredText(r, `additionalResellers.${i}`, 20));
  return { cartId, idempotencyKey, additionalResellers, attestationAccepted: input.attestationAccepted };
}

import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { UserError } from '../../../shared/graphql/types';
import { Order } from '../entities/order.entity';

@InputType({ description: 'Input of `checkoutCart`' })
export class CheckoutCartInput {
  @Field(() => ID, { description: 'Id of the cart' }) cartId!: string;
  @Field({ description: 'ORD-2: "I act as indirect partner when I choose a reseller and as direct partner when I do not"' })
  attestationAccepted!: boolean;
  @Field(() => [String], { nullable: true, description: 'ORD-3: additional resellers (PartnerIDs, at most five) for EU/EFTA customers' })
  additionalResellers?: string[];
  @Field(() => String, { nullable: true, description: 'ORD-7: client request key; the same key returns the first result' })
  idempotencyKey?: string;
}

@ObjectType({ description: 'Result of `checkoutCart`: what changed, or the refusals in `errors` (nothing changes when there is one)' })
export class CheckoutCartPayload {
  @Field(() => Order, { nullable: true, description: 'The order after the change; null when the change was refused' }) order?: Order;
  @Field(() => [UserError], { description: 'Business refusals, each with its code and rule id; empty when the change was made' }) errors!: UserError[];
}

export const OrderConnection = ConnectionType('Order', Order);

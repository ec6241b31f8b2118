import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/graphql/connection';
import { UserError } from '../../../shared/graphql/types';
import { Order } from '../entities/order.entity';

@InputType()
export class CheckoutCartInput {
  @Field(() => ID) cartId!: string;
  @Field({ description: 'ORD-2: "I act as indirect partner when I choose a reseller and as direct partner when I do not"' })
  attestationAccepted!: boolean;
  @Field(() => [String], { nullable: true, description: 'ORD-3: additional resellers (PartnerIDs, at most five) for EU/EFTA customers' })
  additionalResellers?: string[];
  @Field(() => String, { nullable: true, description: 'ORD-7: client request key; the same key returns the first result' })
  idempotencyKey?: string;
}

@ObjectType()
export class CheckoutCartPayload {
  @Field(() => Order, { nullable: true }) order?: Order;
  @Field(() => [UserError]) errors!: UserError[];
}

export const OrderConnection = ConnectionType('Order', Order);

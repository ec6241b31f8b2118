import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { mutate, mutateWithFacts } from '../../../shared/unit-of-work';
import { Cart } from '../entities/cart.entity';
import { Order } from '../entities/order.entity';
import { CustomerRef, customerRef, offerRef } from '../entities/refs';
import type { SubscriptionsContext } from '../context';
import { cartService } from '../checkout/cart.service';
import { CartLine, CreateCartInput, CreateCartPayload, DeleteCartInput, DeleteCartPayload, UpdateCartInput, UpdateCartPayload } from '../types/cart.types';

@Resolver(() => Cart)
export class CartResolver {
  @Authorized()
  @Query(() => Cart, { description: 'A cart of the caller (ACT-2), else NOT_FOUND' })
  cart(@Ctx() ctx: SubscriptionsContext, @Arg('id', () => ID, { description: 'Id of the cart' }) id: string): Promise<Cart> {
    return cartService.get(ctx, id);
  }

  @Authorized('createCart')
  @Mutation(() => CreateCartPayload, { description: 'ORD-1: starts a cart for one customer' })
  createCart(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: CreateCartInput): Promise<CreateCartPayload> {
    return mutateWithFacts(ctx, CreateCartPayload, (c) => cartService.offersForCreate(c, input), async (tx, offers) => ({ cart: await cartService.create(tx, input, offers) }));
  }

  @Authorized('updateCart')
  @Mutation(() => UpdateCartPayload, { description: 'ORD-1: replaces the lines of a cart' })
  updateCart(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: UpdateCartInput): Promise<UpdateCartPayload> {
    return mutateWithFacts(ctx, UpdateCartPayload, (c) => cartService.offersForUpdate(c, input), async (tx, offers) => ({ cart: await cartService.update(tx, input, offers) }));
  }

  @Authorized('deleteCart')
  @Mutation(() => DeleteCartPayload, { description: 'ORD-1: discards an open cart' })
  deleteCart(@Ctx() ctx: SubscriptionsContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: DeleteCartInput): Promise<DeleteCartPayload> {
    return mutate(ctx, DeleteCartPayload, async (tx) => ({ deleted: await cartService.delete(tx, input.cartId) }));
  }

  @FieldResolver(() => CustomerRef, { description: 'The customer the cart is for' })
  customer(@Root() cart: Cart): CustomerRef {
    return customerRef(cart.customerId);
  }

  @FieldResolver(() => [CartLine], { description: 'The lines, in order' })
  lines(@Root() cart: Cart): CartLine[] {
    return cart.lines.map((line) => Object.assign(new CartLine(), { ...line, customerId: cart.customerId, offer: offerRef(line.offerId) }));
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The order this cart was checked out into' })
  order(@Ctx() ctx: SubscriptionsContext, @Root() cart: Cart): Promise<Order | null> | null {
    return cart.orderId ? ctx.loaders.order.load(cart.orderId) : null;
  }
}

import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, toPage } from '../../../shared/graphql/connection';
import { mutate, mutateWithFacts } from '../../../shared/unit-of-work';
import type { CustomersContext } from '../context';
import {
  CreateWebhookInput,
  CreateWebhookPayload,
  DeleteWebhookInput,
  DeleteWebhookPayload,
  WebhookConnection,
  WebhookDeliveryConnection,
  WebhookNode,
} from '../types/webhook.types';
import { deliveriesLoader } from '../webhooks/delivery.loader';
import { webhookService } from '../webhooks/webhook.service';

/** AUD-2: partners' webhooks and what was delivered to them. */
@Resolver(() => WebhookNode)
export class WebhookResolver {
  @Authorized('viewWebhooks')
  @Query(() => WebhookConnection, { description: "AUD-2: the caller's webhooks, oldest first" })
  webhooks(@Ctx() ctx: CustomersContext, @Args() page: PageArgs) {
    return webhookService.list(ctx, toPage(page));
  }

  @Authorized('createWebhook')
  @Mutation(() => CreateWebhookPayload, { description: 'AUD-2: registers an endpoint for signed events' })
  createWebhook(@Ctx() ctx: CustomersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: CreateWebhookInput): Promise<CreateWebhookPayload> {
    // The URL policy resolves the host (production): done before the transaction opens.
    return mutateWithFacts(ctx, CreateWebhookPayload, () => webhookService.acceptableUrl(input.url), (tx, url) => webhookService.create(tx, { url, events: input.events }));
  }

  @Authorized('deleteWebhook')
  @Mutation(() => DeleteWebhookPayload, { description: 'Removes a webhook' })
  deleteWebhook(@Ctx() ctx: CustomersContext, @Arg('input', { description: 'What to do: see the fields of the input type' }) input: DeleteWebhookInput): Promise<DeleteWebhookPayload> {
    return mutate(ctx, DeleteWebhookPayload, (tx) => webhookService.delete(tx, input.webhookId));
  }

  @FieldResolver(() => WebhookDeliveryConnection, { description: 'AUD-2: deliveries to this webhook, oldest first' })
  deliveries(@Root() webhook: WebhookNode, @Ctx() ctx: CustomersContext, @Args() page: PageArgs) {
    return deliveriesLoader(ctx).load({ webhookId: webhook.id, page: toPage(page) });
  }
}

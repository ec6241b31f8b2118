import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { EaSubscription, EnterpriseAgreement } from '../entities/enterprise-agreement.entity';
import { CustomerRef } from '../entities/refs';
import type { TransfersContext } from '../loaders';
import { EaSubscriptionAvailability } from '../types/ea.types';

@Resolver(() => CustomerRef)
export class CustomerAgreementsResolver {
  @Authorized('viewEnterpriseAgreements')
  @FieldResolver(() => [EnterpriseAgreement], { description: 'EA-2: agreements eligible for renewal to CSP' })
  enterpriseAgreements(@Ctx() ctx: TransfersContext, @Root() customer: CustomerRef): Promise<EnterpriseAgreement[]> {
    return ctx.loaders.agreementsByCustomer.load(customer.id);
  }
}

@Resolver(() => EnterpriseAgreement)
export class EnterpriseAgreementResolver {
  @FieldResolver(() => [EaSubscription])
  subscriptions(@Root() agreement: EnterpriseAgreement): EaSubscription[] {
    return agreement.subscriptions.getItems();
  }
}

@Resolver(() => EaSubscription)
export class EaSubscriptionResolver {
  /** EA-3: non-commercial SKUs take the manual path. Schedules (EA-5, EA-6) refine this. */
  @FieldResolver(() => EaSubscriptionAvailability)
  availability(@Root() subscription: EaSubscription): EaSubscriptionAvailability {
    return subscription.commercial ? EaSubscriptionAvailability.AVAILABLE : EaSubscriptionAvailability.NOT_AVAILABLE_IN_CSP;
  }
}

import { appendEvents } from '../support/events';
import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { checkout, createCart } from './checkout.fixtures';
import { processDueWork } from './support';

const E3 = 'offer-m365-e3-no-teams';
const CONSUMER = 'subscriptions.relationships';

/**
 * REL-1/REL-7: the customers subgraph's relationship events, applied by the subscriptions
 * subgraph's consumer to its own relationship facts, which checkout re-checks under its
 * per-customer lock.
 */
describe('relationship facts for checkout (REL-1, REL-7)', () => {
  const t = useStack();

  async function newCart(partner: TestPartner, customerId: string): Promise<string> {
    return dataOf(await createCart(t, await partner.token(), customerId, [{ offerId: E3, quantity: 1 }])).createCart.cart.id;
  }

  async function removeRelationship(partner: TestPartner, customerId: string) {
    const body = await t.gql(
      await partner.token(['ADMIN_AGENT']),
      'mutation($input: RemoveCustomerRelationshipInput!) { removeCustomerRelationship(input: $input) { customer { id } errors { code message } } }',
      { input: { customerId } },
    );
    return dataOf(body).removeCustomerRelationship;
  }

  /** An event as the customers subgraph records it, for orderings a test cannot provoke through the API. */
  async function relationshipEvent(type: 'RELATIONSHIP_ACCEPTED' | 'RELATIONSHIP_REMOVED', partnerId: string, customerId: string, occurredAt: string): Promise<void> {
    const fields = { tenantId: partnerId, resourceType: 'Customer', resourceId: customerId, occurredAt: new Date(occurredAt) };
    const data = { v: 1 as const, partnerId, customerId };
    await appendEvents(t, [type === 'RELATIONSHIP_ACCEPTED' ? { ...fields, type, data: { ...data, indirectResellerId: null } } : { ...fields, type, data }]);
  }

  const factOf = async (partnerId: string, customerId: string) =>
    (await t.db.query(`select active, changed_at from subscriptions.relationship_fact where partner_id = $1 and customer_id = $2`, [partnerId, customerId])).rows;

  const snapshot = async () => ({
    facts: (await t.db.query(`select partner_id, customer_id, active, changed_at from subscriptions.relationship_fact order by partner_id, customer_id`)).rows,
    position: (await t.db.query(`select position from platform.consumer_position where consumer = $1 and source = 'customers'`, [CONSUMER])).rows[0].position,
  });

  it('REL-1/REL-7: after removeCustomerRelationship and processDueWork, a checkout for the customer is refused with NO_RELATIONSHIP', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    const cartId = await newCart(partner, customer.id);
    expect((await removeRelationship(partner, customer.id)).errors).toEqual([]);
    await processDueWork(t);
    expect(await factOf(partner.id, customer.id)).toEqual([{ active: false, changed_at: expect.any(Date) }]);
    const refused = dataOf(await checkout(t, await partner.token(), cartId)).checkoutCart;
    expect(refused.order).toBeNull();
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'NO_RELATIONSHIP', rule: 'REL-1' })]);
  });

  it('REL-7: the consumer applies each event once; processDueWork again, or the same event applied again, changes no row', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    expect((await removeRelationship(partner, customer.id)).errors).toEqual([]);
    await processDueWork(t);
    const applied = await snapshot();
    expect(applied.facts.filter((f) => f.customer_id === customer.id)).toHaveLength(1);
    await processDueWork(t);
    expect(await snapshot()).toEqual(applied);
    // Moved back to the stream's start, the consumer handles every event a second time: the rows stay as they are.
    // SQL on purpose: no mutation rewinds a consumer; this is the replay a crash between effect and position would cause.
    await t.db.query(`update platform.consumer_position set position = 0 where consumer = $1`, [CONSUMER]);
    await processDueWork(t);
    expect(await snapshot()).toEqual(applied);
  });

  it('REL-1/REL-7: a removal applied after checkout read its facts from the customers subgraph still refuses the order, under the customer lock', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    const cartId = await newCart(partner, customer.id);
    // The customers subgraph still answers "active": only the applied event tells the unit otherwise.
    await relationshipEvent('RELATIONSHIP_REMOVED', partner.id, customer.id, '2026-01-02T00:00:00Z');
    await processDueWork(t);
    const before = (await t.db.query(`select count(*)::int as n from subscriptions.customer_order where customer_id = $1`, [customer.id])).rows[0].n;
    const refused = dataOf(await checkout(t, await partner.token(), cartId)).checkoutCart;
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'NO_RELATIONSHIP', rule: 'REL-1' })]);
    expect((await t.db.query(`select count(*)::int as n from subscriptions.customer_order where customer_id = $1`, [customer.id])).rows[0].n).toBe(before);

    // Accepted again later: the same cart checks out.
    await relationshipEvent('RELATIONSHIP_ACCEPTED', partner.id, customer.id, '2026-01-03T00:00:00Z');
    await processDueWork(t);
    expect(await factOf(partner.id, customer.id)).toEqual([{ active: true, changed_at: new Date('2026-01-03T00:00:00Z') }]);
    expect(dataOf(await checkout(t, await partner.token(), cartId)).checkoutCart.errors).toEqual([]);
  });

  it('REL-7: an event older than the last applied change (a retried failure) does not undo it', async () => {
    const partner = await onboardPartner(t);
    const customer = await createCustomer(t, partner);
    await relationshipEvent('RELATIONSHIP_ACCEPTED', partner.id, customer.id, '2026-02-02T00:00:00Z');
    await processDueWork(t);
    await relationshipEvent('RELATIONSHIP_REMOVED', partner.id, customer.id, '2026-02-01T00:00:00Z');
    await processDueWork(t);
    expect(await factOf(partner.id, customer.id)).toEqual([{ active: true, changed_at: new Date('2026-02-02T00:00:00Z') }]);
  });
});

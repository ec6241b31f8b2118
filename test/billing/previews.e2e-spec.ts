import { createCustomer, onboardPartner, type TestPartner } from '../support/fixtures';
import { dataOf, useStack } from '../support/stack';
import { checkout, createCart } from '../subscriptions/checkout.fixtures';
import { processDueWork, setClock } from '../subscriptions/support';
import { transferMutation, twoPartnersOneCustomer } from '../transfers/support';

const E3 = 'offer-m365-e3-no-teams';
const E5 = 'offer-m365-e5-no-teams';
const TRIAL = 'offer-m365-e5-no-teams-trial';
const PERPETUAL = 'offer-windows-server-2022-dc-perpetual';

const PREVIEW = 'lines { subscriptionId chargeType amount { amount currency } chargeStart chargeEnd } charge { amount currency } refund { amount currency } nextChargeAt nextChargeAmount { amount currency } errors { code rule }';
const LINES = `{ invoices(first: 100) { edges { node { lines(first: 100) { edges { node { id chargeType amount { amount } subscription { id } } } } } } } }`;

/** SPEC §9b BIL-6: every money-moving change previewed with its own input equals the change. */
describe('previews of money-moving changes', () => {
  const t = useStack();
  let partner: TestPartner;
  let token: string;
  let customerId: string;
  const seen = new Set<string>();

  beforeAll(async () => {
    await setClock(t, '2027-09-01T08:00:00Z');
    partner = await onboardPartner(t);
    token = await partner.token(['ADMIN_AGENT']);
    customerId = (await createCustomer(t, partner)).id;
  });

  /** The invoice lines booked since the last call, as [chargeType, signed amount]. */
  async function booked(): Promise<{ id: string; chargeType: string; amount: string; subscriptionId: string | null }[]> {
    const invoices = dataOf(await t.gql(await partner.token(['BILLING_ADMIN']), LINES)).invoices.edges;
    const lines = invoices.flatMap((i: any) => i.node.lines.edges.map((e: any) => e.node)).filter((l: any) => !seen.has(l.id));
    for (const line of lines) seen.add(line.id);
    return lines.map((l: any) => ({ id: l.id, chargeType: l.chargeType, amount: l.amount.amount, subscriptionId: l.subscription?.id ?? null }));
  }

  /** What must not change while previews run: no row of any kind is written. */
  async function written(): Promise<Record<string, number>> {
    const { rows } = await t.db.query(`select
      (select count(*)::int from subscriptions.ledger_entry) as ledger, (select count(*)::int from subscriptions.invoice_line) as invoice_lines,
      (select count(*)::int from subscriptions.invoice) as invoices, (select count(*)::int from subscriptions.subscription) as subscriptions,
      (select count(*)::int from subscriptions.customer_order) as orders, (select count(*)::int from platform.audit_record) as audits,
      (select count(*)::int from platform.outbox_event) as events`);
    return rows[0];
  }

  async function preview(name: string, input: Record<string, unknown>) {
    const inputType = `${name.charAt(0).toUpperCase()}${name.slice(1)}Input`;
    const before = await written();
    const result = dataOf(await t.gql(token, `query($input: ${inputType}!) { ${`preview${inputType.slice(0, -'Input'.length)}`}(input: $input) { ${PREVIEW} } }`, { input }));
    expect(await written()).toEqual(before);
    return Object.values(result)[0] as any;
  }

  async function run(name: string, input: Record<string, unknown>, fields: string) {
    const inputType = `${name.charAt(0).toUpperCase()}${name.slice(1)}Input`;
    const result = dataOf(await t.gql(token, `mutation($input: ${inputType}!) { ${name}(input: $input) { ${fields} errors { code rule } } }`, { input }))[name];
    expect(result.errors).toEqual([]);
    return result;
  }

  const shape = (lines: { chargeType: string; amount: string }[]) => lines.map((l) => [l.chargeType, l.amount]);

  it('BIL-6: checkout, quantity changes and cancellation: each preview states exactly what its mutation then books, and writes nothing', async () => {
    const cart = dataOf(await createCart(t, token, customerId, [{ offerId: E3, quantity: 10, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }, { offerId: PERPETUAL, quantity: 2 }])).createCart.cart;
    const checkoutPreview = await preview('checkoutCart', { cartId: cart.id, attestationAccepted: true });
    expect(checkoutPreview.errors).toEqual([]);
    expect(shape(checkoutPreview.lines.map((l: any) => ({ chargeType: l.chargeType, amount: l.amount.amount })))).toEqual([
      ['NEW', expect.any(String)],
      ['PERPETUAL_PURCHASE', expect.any(String)],
    ]);
    const placed = dataOf(await checkout(t, token, cart.id)).checkoutCart;
    expect(placed.errors).toEqual([]);
    const subscriptionId = placed.order.lines[0].subscription.id;
    expect(shape(await booked())).toEqual(shape(checkoutPreview.lines.map((l: any) => ({ chargeType: l.chargeType, amount: l.amount.amount }))));
    const billing = dataOf(await t.gql(token, 'query($id: ID!) { subscription(id: $id) { billing { nextChargeAt nextChargeAmount { amount currency } } } }', { id: subscriptionId })).subscription.billing;
    expect({ nextChargeAt: checkoutPreview.nextChargeAt, nextChargeAmount: checkoutPreview.nextChargeAmount }).toEqual(billing);

    await setClock(t, '2027-09-03T09:00:00Z');
    for (const quantity of [14, 12]) {
      const quantityPreview = await preview('updateSubscriptionQuantity', { subscriptionId, quantity });
      await run('updateSubscriptionQuantity', { subscriptionId, quantity }, 'subscription { id }');
      const lines = await booked();
      expect(lines.map((l) => [l.subscriptionId, l.chargeType, l.amount])).toEqual(quantityPreview.lines.map((l: any) => [l.subscriptionId, l.chargeType, l.amount.amount]));
      expect(quantity === 14 ? quantityPreview.charge.amount : quantityPreview.refund.amount).toBe(lines[0].amount.replace('-', ''));
    }

    await setClock(t, '2027-09-04T09:00:00Z');
    const cancelPreview = await preview('cancelSubscription', { subscriptionId });
    expect(cancelPreview).toMatchObject({ nextChargeAt: null, nextChargeAmount: null, charge: { amount: '0.00' } });
    const cancelled = await run('cancelSubscription', { subscriptionId }, 'refund { amount currency }');
    expect(cancelPreview.refund).toEqual(cancelled.refund);
    expect(shape(await booked())).toEqual(shape(cancelPreview.lines.map((l: any) => ({ chargeType: l.chargeType, amount: l.amount.amount }))));

    // A change that would be refused is previewed as refused, with its rule, and writes nothing either.
    await setClock(t, '2027-09-20T09:00:00Z');
    const refused = await preview('cancelSubscription', { subscriptionId });
    expect(refused).toMatchObject({ lines: [], charge: null, refund: null, errors: [{ code: 'INVALID_STATE' }] });

    // SW-5: the perpetual purchase, cancelled within 30 days: its 100% credit.
    const line = placed.order.lines[1];
    const softwarePreview = await preview('cancelSoftwarePurchase', { orderId: placed.order.id, lineId: line.id });
    const software = await run('cancelSoftwarePurchase', { orderId: placed.order.id, lineId: line.id }, 'refund { amount currency }');
    expect(softwarePreview.refund).toEqual(software.refund);
    expect(shape(await booked())).toEqual([['PERPETUAL_REFUND', `-${software.refund.amount}`]]);
  });

  it('BIL-6: an upgrade and a trial conversion: each preview states exactly what its mutation then books', async () => {
    await setClock(t, '2027-10-01T08:00:00Z');
    const placed = dataOf(await checkout(t, token, dataOf(await createCart(t, token, customerId, [{ offerId: E3, quantity: 5, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }, { offerId: TRIAL, quantity: 25 }])).createCart.cart.id)).checkoutCart;
    expect(placed.errors).toEqual([]);
    const [paid, trial] = placed.order.lines.map((l: any) => l.subscription.id);
    await booked();
    await setClock(t, '2027-10-20T08:00:00Z');
    await processDueWork(t);
    await booked();

    const upgradeInput = { subscriptionId: paid, targetOfferId: E5, quantity: 5 };
    const upgradePreview = await preview('upgradeSubscription', upgradeInput);
    expect(upgradePreview.lines.map((l: any) => l.chargeType)).toEqual(['UPGRADE', 'UPGRADE']);
    await run('upgradeSubscription', upgradeInput, 'source { id }');
    const upgraded = await booked();
    expect(upgraded.map((l) => [l.subscriptionId, l.chargeType, l.amount])).toEqual(upgradePreview.lines.map((l: any) => [l.subscriptionId, l.chargeType, l.amount.amount]));
    expect(upgradePreview.refund.amount).toBe(upgraded[0].amount.replace('-', ''));
    expect(upgradePreview.charge.amount).toBe(upgraded[1].amount);

    const convertInput = { subscriptionId: trial, targetOfferId: E5 };
    const convertPreview = await preview('convertTrial', convertInput);
    expect(convertPreview.lines.map((l: any) => l.chargeType)).toEqual(['CONVERSION']);
    await run('convertTrial', convertInput, 'subscription { id }');
    expect(shape(await booked())).toEqual(shape(convertPreview.lines.map((l: any) => ({ chargeType: l.chargeType, amount: l.amount.amount }))));
  });

  it('BIL-6/XFR-2: previewAcceptTransferRequest states the credit of the source and the charge of the target that the move then books', async () => {
    await setClock(t, '2027-11-05T08:00:00Z');
    const { a: source, b: target, customerId: shared } = await twoPartnersOneCustomer(t);
    const sourceToken = await source.token(['ADMIN_AGENT']);
    const cart = dataOf(await createCart(t, sourceToken, shared, [{ offerId: E3, quantity: 4, termDuration: 'P1Y', billingFrequency: 'MONTHLY' }])).createCart.cart;
    const moved = dataOf(await checkout(t, sourceToken, cart.id)).checkoutCart.order.lines[0].subscription.id;
    await setClock(t, '2027-11-20T08:00:00Z');
    const transfer = (await transferMutation(t, await target.token(), 'createTransferRequest', { customerId: shared, sourcePartnerId: source.partnerId, customerEmail: 'it@customer.example' })).transfer;
    const input = { transferId: transfer.id, subscriptionIds: [moved] };
    const before = await written();
    const transferPreview = dataOf(await t.gql(sourceToken, `query($input: AcceptTransferRequestInput!) { previewAcceptTransferRequest(input: $input) { ${PREVIEW} } }`, { input })).previewAcceptTransferRequest;
    expect(await written()).toEqual(before);
    expect(transferPreview.errors).toEqual([]);
    expect(transferPreview.lines.map((l: any) => l.chargeType)).toEqual(['TRANSFER_OUT', 'TRANSFER_IN']);
    expect(transferPreview.lines[0].subscriptionId).toBe(moved);
    expect(transferPreview.refund.amount).toBe(transferPreview.charge.amount);
    expect((await transferMutation(t, sourceToken, 'acceptTransferRequest', input)).errors).toEqual([]);
    await processDueWork(t);
    const ledger = async (partner: TestPartner, id: string) => dataOf(await t.gql(await partner.token(['ADMIN_AGENT']), 'query($id: ID!) { subscription(id: $id) { ledger { kind chargeType amount { amount } } } }', { id })).subscription.ledger;
    expect((await ledger(source, moved)).at(-1)).toEqual({ kind: 'CREDIT', chargeType: 'TRANSFER_OUT', amount: { amount: transferPreview.refund.amount } });
    const refused = dataOf(await t.gql(sourceToken, `query($input: AcceptTransferRequestInput!) { previewAcceptTransferRequest(input: $input) { ${PREVIEW} } }`, { input })).previewAcceptTransferRequest;
    expect(refused).toMatchObject({ lines: [], errors: [{ code: 'INVALID_STATE' }] });
  });

  it('BIL-6: previews are for the roles of the change itself', async () => {
    const readOnly = await partner.token(['ACCOUNT_ADMIN']);
    const response = await t.gql(readOnly, `query { previewCancelSubscription(input: { subscriptionId: "sub_x" }) { errors { code } } }`);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

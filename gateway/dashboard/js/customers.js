// Customers and their subscriptions: search and paging, and each subscription's actions
// (quantity, autorenew, suspend/reactivate, cancel, upgrade, a change at renewal).
import { $, day, field, frequencyText, h, money, nextChargeText, offerName, select, statusText, table, termText, when } from './dom.js';
import { openDialog } from './dialog.js';
import { mutate, query } from './graph.js';
import { noticeRow } from './notices.js';
import { buyDialog } from './buy.js';
import { previewPanel } from './preview.js';

export const PAGE_SIZE = 20;
const COLUMNS = ['Offer', 'Status', 'Quantity', 'Term end', 'Next charge', 'Reducible licenses', 'Cancellable until', 'Actions'];

/** Where the customer list is: the search text and the cursors of the pages before this one. */
export const listing = { search: '', cursors: [null], page: 0 };

export function loadCustomers() {
  return { first: PAGE_SIZE, after: listing.cursors[listing.page], search: listing.search || null };
}

/** What the current term has cost so far (charges less refunds since its start). */
function termCharges(sub) {
  const entries = (sub.ledger || []).filter((e) => e.at >= sub.termStart && e.amount);
  if (!entries.length) return null;
  const currency = entries[0].amount.currency;
  const cents = entries.reduce((sum, e) => sum + (e.kind === 'REFUND' ? -1 : 1) * Math.round(Number(e.amount.amount) * 100), 0);
  return { amount: (cents / 100).toFixed(2), currency };
}

function cancelDialog(app, sub) {
  const billed = sub.billing ? sub.billing.commitment.billed : termCharges(sub);
  const preview = previewPanel(() => handle.problems);
  const handle = openDialog({
    name: 'cancel',
    title: 'Cancel subscription?',
    content: [
      h('p', { id: 'confirm-text' },
        `${sub.offer && sub.offer.name ? sub.offer.name : 'This subscription'}, ${sub.quantity} license(s): cancellation is possible until ${when(sub.cancellationDeadline)} (168 hours after the term started or renewed). ` +
        `Billed for this term so far: ${money(billed)}. Cancelling now refunds the unused days (BIL-2):`),
      preview.panel,
      h('p', {}, 'A cancelled subscription cannot be recovered.'),
    ],
    actions: [{ label: 'Cancel subscription', className: 'danger', run: async () => { const p = await mutate('CancelSubscription', { subscriptionId: sub.id }); return `Subscription cancelled. Refund: ${money(p.refund)}.`; } }],
    onDone: (message) => app.refresh(message),
  });
  // BIL-6: the refund is previewed with exactly the cancellation's input.
  preview.update('ConsolePreviewCancelSubscription', { subscriptionId: sub.id });
}

function quantityDialog(app, sub, requested) {
  const quantity = h('input', { type: 'number', name: 'quantity', min: '1', value: requested });
  const input = () => ({ subscriptionId: sub.id, quantity: Number(quantity.value), expectedVersion: sub.version });
  const preview = previewPanel(() => handle.problems);
  const ask = () => preview.update('ConsolePreviewUpdateSubscriptionQuantity', input());
  quantity.addEventListener('input', ask);
  const handle = openDialog({
    name: 'quantity',
    title: 'Change quantity',
    content: [
      h('p', {}, offerName(sub.offer), ` — ${sub.quantity} license(s) now. Added licenses are charged for the rest of the billing period; removed ones (within their window) are refunded for the unused days.`),
      field('New quantity', quantity),
      preview.panel,
    ],
    actions: [{ label: 'Change quantity', className: 'primary', run: async () => { await mutate('UpdateSubscriptionQuantity', input()); return 'Quantity changed.'; } }],
    onDone: (message) => app.refresh(message),
  });
  ask();
}

async function upgradeDialog(app, sub) {
  const data = await query('UpgradeOptions', { subscriptionId: sub.id });
  const options = (data.subscription && data.subscription.upgradeOptions) || [];
  const KINDS = { LINEAR: 'suite up', CATEGORY_SWITCH: 'category switch', MANY_TO_ONE: 'many to one' };
  const target = h('select', { name: 'target' }, options.map((o) => h('option', { value: o.offer.id }, `${o.offer.name || 'offer name unavailable'} (${KINDS[o.kind] || o.kind})`)));
  const quantity = h('input', { type: 'number', name: 'quantity', min: '1', max: String(sub.quantity), value: sub.quantity });
  const timing = select('timing', ['NOW', 'AT_RENEWAL'], 'NOW', (v) => (v === 'NOW' ? 'now (mid-term)' : 'at the next renewal'));
  const input = () => ({ subscriptionId: sub.id, targetOfferId: target.value, quantity: Number(quantity.value), timing: timing.value, expectedVersion: sub.version });
  const preview = previewPanel(() => handle.problems);
  const ask = () => preview.update('ConsolePreviewUpgradeSubscription', input());
  for (const control of [target, timing]) control.addEventListener('change', ask);
  quantity.addEventListener('input', ask);
  const handle = openDialog({
    name: 'upgrade',
    title: 'Upgrade subscription',
    content: [
      h('p', {}, offerName(sub.offer), ` — ${sub.quantity} license(s). An upgrade cannot be undone; upgrading all licenses keeps the subscription and its term.`),
      options.length ? [field('Upgrade to', target), field('Licenses to move', quantity), field('When', timing), preview.panel] : h('p', { class: 'empty' }, 'No upgrade is available for this subscription.'),
    ],
    actions: options.length
      ? [{
          label: 'Upgrade',
          className: 'primary',
          run: async () => {
            const p = await mutate('UpgradeSubscription', input());
            return timing.value === 'NOW' ? `Upgraded.${p.licenseReassignment === 'MANUAL' ? ' Reassign the licenses by hand.' : ''}${p.warnings.length ? ` ${p.warnings.join(' ')}` : ''}` : 'Upgrade scheduled for the next renewal.';
          },
        }]
      : [],
    onDone: (message) => app.refresh(message),
  });
  if (options.length) ask();
}

function renewalChangeDialog(app, sub) {
  const current = sub.scheduledChange || {};
  const quantity = h('input', { type: 'number', name: 'quantity', min: '1', value: current.quantity || sub.quantity });
  const term = select('termDuration', ['P1M', 'P1Y', 'P3Y'], current.termDuration || sub.termDuration || 'P1Y', termText);
  const frequency = select('billingFrequency', ['MONTHLY', 'ANNUAL', 'TRIENNIAL'], current.billingFrequency || sub.billingFrequency || 'MONTHLY', frequencyText);
  openDialog({
    name: 'renewal-change',
    title: 'Change at the next renewal',
    content: [
      h('p', {}, offerName(sub.offer), ` — renews ${day(sub.termEnd)}. The change applies at that renewal; it needs autorenew on and is dropped if the quantity changes, autorenew is turned off or the subscription is upgraded before then.`),
      field('Licenses from the renewal', quantity),
      field('Term', term),
      field('Billing', frequency),
    ],
    actions: [{ label: 'Save change', className: 'primary', run: async () => { await mutate('ScheduleRenewalChange', { subscriptionId: sub.id, quantity: Number(quantity.value), termDuration: term.value, billingFrequency: frequency.value }); return 'Change at renewal saved.'; } }],
    onDone: (message) => app.refresh(message),
  });
}

function scheduledText(change) {
  if (!change) return null;
  const parts = [change.offer ? (change.offer.name || 'another offer') : null, change.quantity ? `${change.quantity} license(s)` : null, change.termDuration ? termText(change.termDuration) : null, change.billingFrequency ? frequencyText(change.billingFrequency) : null].filter(Boolean);
  return `At renewal: ${parts.join(', ')}`;
}

function subscriptionRow(app, sub) {
  const live = sub.status === 'ACTIVE' || sub.status === 'SUSPENDED';
  const active = sub.status === 'ACTIVE';
  const key = sub.id;
  const quantity = h('input', { type: 'number', min: '1', value: sub.quantity, 'aria-label': 'New quantity', class: 'new-quantity' });
  const reducible = sub.reducibleLicenses;
  const reducibleText = reducible && reducible.quantity > 0 ? `${reducible.quantity} until ${when(reducible.until)}` : reducible && reducible.reason ? `none — ${reducible.reason}` : 'none';
  const actions = [];
  const button = (cls, label, onclick) => actions.push(h('button', { type: 'button', class: cls, onclick }, label));
  if (active && !sub.isTrial) {
    actions.push(quantity);
    button('change-quantity', 'Change quantity…', () => quantityDialog(app, sub, quantity.value));
  }
  if (active) {
    button('autorenew', sub.autoRenew ? 'Turn autorenew off' : 'Turn autorenew on', () =>
      app.act(key, () => mutate('SetSubscriptionAutoRenew', { subscriptionId: sub.id, enabled: !sub.autoRenew }), sub.autoRenew ? 'Autorenew turned off.' : 'Autorenew turned on.'));
  }
  if (active && !sub.isTrial) {
    button('suspend', 'Suspend', () => app.act(key, () => mutate('SuspendSubscription', { subscriptionId: sub.id }), 'Subscription suspended. Autorenew is now off.'));
    button('upgrade', 'Upgrade…', () => upgradeDialog(app, sub).catch((error) => app.fail(key, error)));
    button('renewal-change', sub.scheduledChange ? 'Edit change at renewal…' : 'Change at renewal…', () => renewalChangeDialog(app, sub));
  }
  if (sub.scheduledChange && active) button('remove-change', 'Remove change at renewal', () => app.act(key, () => mutate('RemoveScheduledChange', { subscriptionId: sub.id }), 'Change at renewal removed.'));
  if (sub.status === 'SUSPENDED') button('reactivate', 'Reactivate', () => app.act(key, () => mutate('ReactivateSubscription', { subscriptionId: sub.id }), 'Subscription reactivated. Autorenew stays off until you turn it on again.'));
  const windowOpen = live && !sub.isTrial && sub.cancellationDeadline && new Date(sub.cancellationDeadline) > app.businessNow();
  if (windowOpen) button('cancel', 'Cancel…', () => cancelDialog(app, sub));
  return [
    h(
      'tr',
      { 'data-subscription': sub.id },
      h('td', { class: 'offer' }, offerName(sub.offer), sub.isTrial ? ' (trial)' : ''),
      h('td', { class: `status status-${sub.status}` }, statusText(sub.status)),
      h('td', { class: 'quantity' }, sub.quantity),
      h('td', { class: 'term' }, day(sub.termEnd), sub.autoRenew ? ', renews' : ' (autorenew off)', sub.scheduledChange ? h('div', { class: 'scheduled' }, scheduledText(sub.scheduledChange)) : null),
      h('td', { class: 'next-charge' }, sub.billing ? nextChargeText(sub.billing.nextChargeAt, sub.billing.nextChargeAmount) || 'none' : '—'),
      h('td', { class: 'reducible' }, reducibleText),
      h('td', { class: 'deadline' }, !live || !sub.cancellationDeadline ? '—' : windowOpen ? when(sub.cancellationDeadline) : `closed ${when(sub.cancellationDeadline)}`),
      h('td', { class: 'actions' }, actions),
    ),
    noticeRow(key, COLUMNS.length),
  ].filter(Boolean);
}

export function renderCustomers(app, connection) {
  const blocks = connection.edges.map(({ node }) =>
    h(
      'div',
      { class: 'customer', 'data-customer': node.id },
      h('div', { class: 'customer-head' },
        h('h3', {}, node.companyName, h('small', {}, ` — ${node.subscriptions ? node.subscriptions.totalCount : '?'} subscription(s)`)),
        h('button', { type: 'button', class: 'buy', onclick: () => buyDialog(app, node) }, 'Buy…')),
      node.subscriptions
        ? table(COLUMNS, node.subscriptions.edges.flatMap(({ node: sub }) => subscriptionRow(app, sub)), 'No subscriptions.')
        : h('p', { class: 'unavailable' }, 'Subscriptions could not be loaded.'),
    ),
  );
  const start = listing.page * PAGE_SIZE;
  $('customer-count').textContent = connection.totalCount ? `${start + 1}–${start + connection.edges.length} of ${connection.totalCount}` : '';
  $('customers-previous').disabled = listing.page === 0;
  $('customers-next').disabled = !connection.pageInfo.hasNextPage;
  listing.nextCursor = connection.pageInfo.endCursor;
  $('customers').replaceChildren(...(blocks.length ? blocks : [h('p', { class: 'empty' }, listing.search ? 'No customer matches the search.' : 'No customers yet.')]));
}

/** Search and paging controls (wired once). */
export function wireCustomerControls(app) {
  $('customer-search').addEventListener('submit', (event) => {
    event.preventDefault();
    listing.search = $('customer-search-text').value.trim();
    listing.cursors = [null];
    listing.page = 0;
    app.refresh();
  });
  $('customers-next').addEventListener('click', () => {
    listing.cursors[listing.page + 1] = listing.nextCursor;
    listing.page += 1;
    app.refresh();
  });
  $('customers-previous').addEventListener('click', () => {
    listing.page = Math.max(0, listing.page - 1);
    app.refresh();
  });
}

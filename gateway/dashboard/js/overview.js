// What falls due: renewals, closing cancellation windows, expiring Enterprise Agreements (with
// their CSP renewal, EA-*) and pending transfers (XFR-*), each with the actions Partner Center
// gives for it.
import { $, availabilityText, day, field, frequencyText, h, offerName, scheduleText, select, table, termText, when } from './dom.js';
import { openDialog } from './dialog.js';
import { mutate, query } from './graph.js';
import { clearNotice, noticeRow, setNotice } from './notices.js';
import { previewPanel } from './preview.js';

const customerName = (customer) => (customer && customer.companyName) || 'customer name unavailable';

export function renderRenewals(connection) {
  $('renewals').replaceChildren(
    table(
      ['Customer', 'Offer', 'Quantity', 'Term ends', 'Then'],
      connection.edges.map(({ node }) =>
        h('tr', { 'data-renewal': node.id }, h('td', {}, customerName(node.customer)), h('td', {}, offerName(node.offer)), h('td', {}, node.quantity), h('td', {}, day(node.termEnd)), h('td', {}, node.autoRenew ? 'renews' : 'expires (autorenew off)')),
      ),
      'No renewals due in the next 30 days.',
    ),
  );
}

export function renderWindows(connection) {
  $('windows').replaceChildren(
    table(
      ['Customer', 'Offer', 'Quantity', 'Cancellable until'],
      connection.edges.map(({ node }) => h('tr', { 'data-window': node.id }, h('td', {}, customerName(node.customer)), h('td', {}, offerName(node.offer)), h('td', {}, node.quantity), h('td', {}, when(node.cancellationDeadline)))),
      'No cancellation window closes in the next 48 hours.',
    ),
  );
}

// ---- Enterprise Agreements (EA-3, EA-5) ------------------------------------------------------
function eaRenewalDialog(app, sub, schedule) {
  const terms = (sub.offer && sub.offer.termDurations && sub.offer.termDurations.length ? sub.offer.termDurations : ['P1Y']);
  const frequencies = (sub.offer && sub.offer.billingFrequencies && sub.offer.billingFrequencies.length ? sub.offer.billingFrequencies : ['MONTHLY']);
  const term = select('termDuration', terms, schedule ? schedule.termDuration : terms[0], termText);
  const frequency = select('billingFrequency', frequencies, schedule ? schedule.billingFrequency : frequencies[0], frequencyText);
  const quantity = h('input', { type: 'number', name: 'quantity', min: '1', value: schedule ? schedule.quantity : sub.quantity });
  const values = () => ({ termDuration: term.value, billingFrequency: frequency.value, quantity: Number(quantity.value) });
  openDialog({
    name: 'ea-renewal',
    title: schedule ? 'Edit the CSP renewal' : 'Schedule the CSP renewal',
    content: [
      h('p', {}, offerName(sub.offer), ` — ${sub.quantity} license(s) in the Enterprise Agreement, ending ${day(sub.endDate)}. `,
        'The renewal is as-is: the same product in CSP, starting when the agreement ends. You can edit or cancel it until then.'),
      field('Licenses', quantity),
      field('Term', term),
      field('Billing', frequency),
    ],
    actions: [
      schedule
        ? { label: 'Save renewal', className: 'primary', run: async () => { await mutate('UpdateEaRenewal', { scheduleId: schedule.id, ...values() }); return 'Renewal updated.'; } }
        : { label: 'Schedule renewal', className: 'primary', run: async () => { const p = await mutate('ScheduleEaRenewal', { eaSubscriptionId: sub.id, ...values() }); return `Renewal scheduled; it is processed from ${when(p.schedule.processAt)}.`; } },
    ],
    onDone: (message) => app.refresh(message),
  });
}

export function renderAgreements(app, connection) {
  const rows = connection.edges.flatMap(({ node }) =>
    node.subscriptions.flatMap((sub, index) => {
      const schedule = sub.schedule;
      const open = schedule && schedule.status === 'SCHEDULED' && sub.availability === 'SCHEDULED_BY_YOU';
      const actions = [];
      if (sub.availability === 'AVAILABLE') actions.push(h('button', { type: 'button', class: 'schedule-ea', onclick: () => eaRenewalDialog(app, sub, null) }, 'Schedule renewal…'));
      if (open) {
        actions.push(h('button', { type: 'button', class: 'edit-ea', onclick: () => eaRenewalDialog(app, sub, schedule) }, 'Edit renewal…'));
        actions.push(h('button', { type: 'button', class: 'cancel-ea', onclick: () => app.act(`ea:${sub.id}`, () => mutate('CancelEaRenewal', { scheduleId: schedule.id }), 'Renewal cancelled; the EA subscription is free again.') }, 'Cancel renewal'));
      }
      const state = availabilityText(sub.availability) +
        (schedule && sub.availability === 'SCHEDULED_BY_YOU' ? ` (${schedule.quantity} license(s), ${termText(schedule.termDuration)}, ${frequencyText(schedule.billingFrequency)}; ${scheduleText(schedule.status)}, processed from ${when(schedule.processAt)})` : '') +
        (sub.availabilityReason ? ` — ${sub.availabilityReason}` : '');
      return [
        h(
          'tr',
          { 'data-agreement': node.id, 'data-ea-subscription': sub.id },
          h('td', {}, index === 0 ? `${node.number} — ${customerName(node.customer)}` : ''),
          h('td', {}, index === 0 ? day(node.endDate) + (node.inExtendedTerm ? ' (extended term)' : '') : ''),
          h('td', { title: sub.provisioningId }, sub.offer ? offerName(sub.offer) : h('span', { class: 'unavailable', title: sub.provisioningId }, 'no CSP offer')),
          h('td', {}, sub.quantity),
          h('td', { class: 'availability' }, state),
          h('td', { class: 'actions' }, actions),
        ),
        noticeRow(`ea:${sub.id}`, 6),
      ].filter(Boolean);
    }),
  );
  $('agreements').replaceChildren(table(['Agreement', 'Ends', 'Product', 'Quantity', 'In CSP', 'Actions'], rows, 'No Enterprise Agreement expires in the next 180 days.'));
}

// ---- transfers (XFR-1) -------------------------------------------------------------------------
async function answerTransferDialog(app, transfer) {
  const data = await query('TransferSubscriptions', { customerId: transfer.customer.id });
  const subs = data.customer ? data.customer.subscriptions.edges.map((e) => e.node) : [];
  const target = await app.partnerName(transfer.targetPartnerId);
  const boxes = subs.map((sub) => h('input', { type: 'checkbox', name: 'subscription', value: sub.id, checked: true }));
  const input = () => ({ transferId: transfer.id, subscriptionIds: boxes.filter((b) => b.checked).map((b) => b.value) });
  // BIL-6: what accepting credits you and charges the new partner, asked with exactly the acceptance's input.
  const preview = previewPanel(() => handle.problems, { charge: `Charged to ${target} now`, refund: 'Credited to you now', next: `Next charge to ${target}` });
  const ask = () => (input().subscriptionIds.length ? preview.update('ConsolePreviewAcceptTransferRequest', input()) : preview.clear('Choose a subscription to see what the transfer credits you.'));
  for (const box of boxes) box.addEventListener('change', ask);
  const handle = openDialog({
    name: 'transfer',
    title: `Transfer request from ${target}`,
    content: [
      h('p', {}, `${customerName(transfer.customer)} is to move to ${target}. Choose the subscriptions to include; each keeps its term and cancellation deadline. The request expires ${when(transfer.expiresAt)}.`),
      subs.length
        ? [h('fieldset', {}, h('legend', {}, 'Subscriptions to transfer'), subs.map((sub, i) => h('label', { class: 'check' }, boxes[i], ' ', offerName(sub.offer), ` — ${sub.quantity} license(s), term ends ${day(sub.termEnd)}`))), preview.panel]
        : h('p', { class: 'empty' }, 'You hold no active subscription of this customer.'),
    ],
    actions: [
      { label: 'Accept transfer', className: 'primary', run: async () => { await mutate('AcceptTransferRequest', input()); return 'Transfer accepted.'; } },
      { label: 'Reject transfer', className: 'danger', run: async () => { await mutate('RejectTransferRequest', { transferId: transfer.id }); return 'Transfer rejected.'; } },
    ],
    onDone: (message) => app.refresh(message),
  });
  if (subs.length) ask();
}

export async function renderTransfers(app, connection) {
  const rows = [];
  for (const { node } of connection.edges) {
    const incoming = node.direction === 'INCOMING';
    const action = incoming
      ? h('button', { type: 'button', class: 'answer-transfer', onclick: () => answerTransferDialog(app, node).catch((error) => app.fail(`transfer:${node.id}`, error)) }, 'Answer…')
      : h('button', { type: 'button', class: 'cancel-transfer', onclick: () => app.act(`transfer:${node.id}`, () => mutate('CancelTransferRequest', { transferId: node.id }), 'Transfer request cancelled.') }, 'Cancel request');
    rows.push(
      h(
        'tr',
        { 'data-transfer': node.id },
        h('td', {}, customerName(node.customer)),
        h('td', {}, incoming ? 'to another partner: awaiting your answer' : 'to you: awaiting the current partner'),
        h('td', { title: `PartnerID ${node.sourcePartnerId}` }, await app.partnerName(node.sourcePartnerId)),
        h('td', { title: `PartnerID ${node.targetPartnerId}` }, await app.partnerName(node.targetPartnerId)),
        h('td', {}, when(node.expiresAt)),
        h('td', { class: 'actions' }, action),
      ),
    );
    const notice = noticeRow(`transfer:${node.id}`, 6);
    if (notice) rows.push(notice);
  }
  $('transfers').replaceChildren(table(['Customer', 'Direction', 'From', 'To', 'Expires', 'Actions'], rows, 'No pending transfer.'));
}

export { clearNotice, setNotice };

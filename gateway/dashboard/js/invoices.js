// Invoices (BIL-3, BIL-8): the partner's monthly invoices with paging, an invoice's lines with
// paging, and its reconciliation file (BIL-4). The file's route needs the bearer token, so it is
// fetched here and saved from memory; a plain link would be refused.
import { $, chargeTypeText, h, money, period, table } from './dom.js';
import { openDialog } from './dialog.js';
import { authorization, query } from './graph.js';
import { noticeRow } from './notices.js';

export const INVOICE_PAGE_SIZE = 12;
const LINE_PAGE_SIZE = 20;

/** BIL-8: who may see invoices. */
export const BILLING_ROLES = ['BILLING_ADMIN', 'ADMIN_AGENT', 'GLOBAL_ADMIN'];
export const seesInvoices = (roles) => (roles || []).some((role) => BILLING_ROLES.includes(role));

/** Where the invoice list is: the cursors of the pages before this one. */
export const invoiceListing = { cursors: [null], page: 0 };

export function loadInvoices() {
  return { first: INVOICE_PAGE_SIZE, after: invoiceListing.cursors[invoiceListing.page] };
}

const STATUS = { OPEN: 'Open', CLOSED: 'Closed' };
const month = (iso) => new Date(iso).toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Saves the invoice's reconciliation file, fetched with the signed-in user's token. */
export async function downloadReconciliation(invoice) {
  const response = await fetch(invoice.reconciliationUrl, { headers: { authorization: authorization() } });
  if (!response.ok) throw new Error(response.status === 403 ? 'Your role may not download reconciliation files.' : `The reconciliation file could not be downloaded (HTTP ${response.status}).`);
  const url = URL.createObjectURL(await response.blob());
  const link = h('a', { href: url, download: `invoice-${invoice.number}-reconciliation.csv`, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function downloadButton(app, invoice, key) {
  return h('button', { type: 'button', class: 'download-reconciliation', onclick: () => app.act(key, () => downloadReconciliation(invoice), `Reconciliation file of invoice ${invoice.number} saved.`) }, 'Download reconciliation file');
}

function lineRow(line) {
  const unit = line.unitPrice ? money(line.unitPrice) : '—';
  const effective = line.effectiveUnitPrice ? money(line.effectiveUnitPrice) : unit;
  return h(
    'tr',
    { 'data-invoice-line': line.id },
    h('td', { class: 'customer-name' }, line.customerName || (line.customer && line.customer.companyName) || h('span', { class: 'unavailable' }, 'customer name unavailable')),
    h('td', { class: 'offer' }, (line.offer && line.offer.name) || [line.productName, line.skuName].filter(Boolean).join(' — ') || h('span', { class: 'unavailable' }, 'offer name unavailable')),
    h('td', { class: 'charge-type' }, chargeTypeText(line.chargeType)),
    h('td', { class: 'quantity' }, line.quantity ?? '—'),
    h('td', { class: 'unit-price' }, effective === unit ? unit : `${unit} (${effective} after promotion)`),
    h('td', { class: 'period' }, period(line.chargeStart, line.chargeEnd)),
    h('td', { class: 'amount' }, money(line.amount)),
  );
}

/** An invoice's lines, 20 at a time, with its reconciliation download. */
export async function invoiceDialog(app, invoice) {
  const cursors = [null];
  let page = 0;
  const body = h('div', { class: 'invoice-lines' });
  const count = h('span', { class: 'line-count' });
  const previous = h('button', { type: 'button', class: 'lines-previous', onclick: () => { page -= 1; show().catch(fail); } }, 'Previous');
  const next = h('button', { type: 'button', class: 'lines-next', onclick: () => { page += 1; show().catch(fail); } }, 'Next');
  const fail = (error) => body.replaceChildren(h('p', { class: 'error' }, error.message));

  async function show() {
    const data = await query('ConsoleInvoiceLines', { id: invoice.id, first: LINE_PAGE_SIZE, after: cursors[page] });
    const lines = data.invoice.lines;
    cursors[page + 1] = lines.pageInfo.endCursor;
    body.replaceChildren(table(['Customer', 'Offer', 'Charge', 'Quantity', 'Unit price', 'Period', 'Amount'], lines.edges.map((e) => lineRow(e.node)), 'This invoice has no lines yet.'));
    const start = page * LINE_PAGE_SIZE;
    count.textContent = lines.totalCount ? `${start + 1}–${start + lines.edges.length} of ${lines.totalCount}` : '';
    previous.disabled = page === 0;
    next.disabled = !lines.pageInfo.hasNextPage;
  }

  const handle = openDialog({
    name: 'invoice',
    title: `Invoice ${invoice.number} — ${month(invoice.periodStart)}`,
    content: [
      h('p', {}, `${STATUS[invoice.status] || invoice.status}, total ${money(invoice.total)}. Amounts are per billing period; credits are negative.`),
      body,
      h('div', { class: 'toolbar pager' }, previous, count, next),
    ],
    actions: [{
      label: 'Download reconciliation file',
      className: 'primary download-reconciliation',
      run: async () => { await downloadReconciliation(invoice); return false; },
    }],
  });
  await show().catch((error) => handle.problems.replaceChildren(h('p', { class: 'error' }, error.message)));
}

export function renderInvoices(app, roles, connection) {
  const section = $('invoices');
  if (!seesInvoices(roles)) {
    section.replaceChildren(h('p', { class: 'empty' }, 'Invoices are shown to billing admins, admin agents and global admins only.'));
    $('invoice-pager').hidden = true;
    return;
  }
  if (!connection) {
    section.replaceChildren(h('p', { class: 'unavailable' }, 'Invoices could not be loaded.'));
    $('invoice-pager').hidden = true;
    return;
  }
  const rows = connection.edges.map(({ node }) => {
    const key = `invoice:${node.id}`;
    return [
      h(
        'tr',
        { 'data-invoice': node.id },
        h('td', { class: 'month' }, month(node.periodStart)),
        h('td', { class: 'number' }, node.number),
        h('td', { class: `invoice-status invoice-${node.status}` }, STATUS[node.status] || node.status),
        h('td', { class: 'total' }, node.total.amount),
        h('td', { class: 'currency' }, node.currency),
        h('td', { class: 'actions' },
          h('button', { type: 'button', class: 'invoice-lines', onclick: () => invoiceDialog(app, node).catch((error) => app.fail(key, error)) }, 'Lines…'),
          downloadButton(app, node, key)),
      ),
      noticeRow(key, 6),
    ].filter(Boolean);
  });
  section.replaceChildren(table(['Month', 'Number', 'Status', 'Total', 'Currency', 'Actions'], rows.flat(), 'No invoice yet.'));
  const start = invoiceListing.page * INVOICE_PAGE_SIZE;
  $('invoice-pager').hidden = false;
  $('invoice-count').textContent = connection.totalCount ? `${start + 1}–${start + connection.edges.length} of ${connection.totalCount}` : '';
  $('invoices-previous').disabled = invoiceListing.page === 0;
  $('invoices-next').disabled = !connection.pageInfo.hasNextPage;
  invoiceListing.nextCursor = connection.pageInfo.endCursor;
}

/** Paging controls (wired once). */
export function wireInvoiceControls(app) {
  $('invoices-next').addEventListener('click', () => {
    invoiceListing.cursors[invoiceListing.page + 1] = invoiceListing.nextCursor;
    invoiceListing.page += 1;
    app.refresh();
  });
  $('invoices-previous').addEventListener('click', () => {
    invoiceListing.page = Math.max(0, invoiceListing.page - 1);
    app.refresh();
  });
}

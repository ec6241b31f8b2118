// The partner console: sign-in, loading and the place where every view is drawn. Views live in
// their own modules (overview, customers, buy, invoices); a new view is a module with its own
// section in index.html, drawn from refresh() below.
import { $, h } from './dom.js';
import { graph, query, TOKEN_KEY } from './graph.js';
import { clearNotice, onNoticesChanged, setNotice } from './notices.js';
import { renderAgreements, renderRenewals, renderTransfers, renderWindows } from './overview.js';
import { loadCustomers, renderCustomers, wireCustomerControls } from './customers.js';
import { invoiceListing, loadInvoices, renderInvoices, seesInvoices, wireInvoiceControls } from './invoices.js';

/** The business clock (windows are decided on it, not on this computer's clock). */
let businessNow = new Date();
let partner = null;
let lastData = null;
const partnerNames = new Map();

function setStatus(message, kind) {
  const status = $('status');
  status.textContent = message || '';
  status.className = kind || '';
}

/**
 * Partial data: what could not be loaded stays announced (until a load succeeds in full), apart
 * from the status line, so "Up to date" never hides it.
 */
function setPartial(errors) {
  const banner = $('partial');
  if (!errors.length) {
    banner.hidden = true;
    banner.replaceChildren();
    return;
  }
  const messages = [...new Set(errors.map((e) => e.message))];
  banner.replaceChildren(h('strong', {}, 'Some data could not be loaded; what is missing is marked as unavailable.'), h('ul', {}, messages.map((m) => h('li', {}, m))));
  banner.hidden = false;
}

const app = {
  businessNow: () => businessNow,

  /** A partner's name by its PartnerID (its own name for the caller), looked up once. */
  async partnerName(partnerId) {
    if (partner && partnerId === partner.partnerId) return `${partner.name} (you)`;
    if (!partnerNames.has(partnerId)) {
      partnerNames.set(partnerId, query('PartnerName', { partnerId }).then((data) => (data.verifyPartnerId && data.verifyPartnerId.name) || `PartnerID ${partnerId}`, () => `PartnerID ${partnerId}`));
    }
    return partnerNames.get(partnerId);
  },

  /** Reloads everything and reports a message in the status line. */
  async refresh(message) {
    setStatus('Working…');
    try {
      await load();
      setStatus(message || 'Up to date.', 'ok');
    } catch (error) {
      setStatus(`Could not load: ${error.message}`, 'error');
    }
  },

  /** A change asked for from a place (a row): a refusal is shown there and stays until dismissed. */
  async act(key, perform, success) {
    clearNotice(key);
    setStatus('Working…');
    try {
      await perform();
    } catch (error) {
      app.fail(key, error);
      return;
    }
    await app.refresh(success);
  },

  fail(key, error) {
    setNotice(key, error);
    setStatus('');
    redraw().catch(() => undefined);
  },
};

async function redraw() {
  if (!lastData) return;
  const { overview, customers, invoices } = lastData;
  const me = overview.me.tenant;
  renderRenewals(me.renewalsDue || { edges: [] });
  renderWindows(me.cancellationWindowsClosing || { edges: [] });
  renderAgreements(app, me.eaAgreementsExpiring || { edges: [] });
  await renderTransfers(app, me.pendingTransfers || { edges: [] });
  renderCustomers(app, customers || { edges: [], totalCount: 0, pageInfo: { hasNextPage: false } });
  renderInvoices(app, overview.me.roles, invoices);
}

async function load() {
  const overviewLoad = graph('PartnerDashboard');
  // BIL-8: invoices are asked for only by the roles that may see them.
  const invoicesLoad = overviewLoad.then((body) => (body.data && body.data.me && seesInvoices(body.data.me.roles) ? graph('ConsoleInvoices', loadInvoices()) : { data: null }));
  const [overviewBody, customersBody, invoicesBody] = await Promise.all([overviewLoad, graph('DashboardCustomers', loadCustomers()), invoicesLoad]);
  const data = overviewBody.data;
  const tenant = data && data.me && data.me.tenant && data.me.tenant.__typename === 'Partner' ? data.me.tenant : null;
  if (!tenant) {
    const reason = overviewBody.errors && overviewBody.errors.length ? overviewBody.errors[0].message : 'This token does not belong to a partner user.';
    throw Object.assign(new Error(reason), { signIn: true });
  }
  if (data.sandboxClock) businessNow = new Date(data.sandboxClock);
  partner = tenant;
  $('partner-name').textContent = `${tenant.name} · ${data.me.userId}`;
  lastData = { overview: data, customers: customersBody.data && customersBody.data.customers, invoices: invoicesBody.data && invoicesBody.data.invoices };
  await redraw();
  setPartial([...(overviewBody.errors || []), ...(customersBody.errors || []), ...(invoicesBody.errors || [])]);
}

async function signIn(token) {
  sessionStorage.setItem(TOKEN_KEY, token.trim());
  $('sign-in-error').textContent = '';
  try {
    await load();
    $('sign-in').hidden = true;
    $('dashboard').hidden = false;
    $('who').hidden = false;
    setStatus('');
  } catch (error) {
    sessionStorage.removeItem(TOKEN_KEY);
    $('sign-in-error').textContent = `Sign-in failed: ${error.message}`;
  }
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  lastData = null;
  partnerNames.clear();
  invoiceListing.cursors = [null];
  invoiceListing.page = 0;
  $('dashboard').hidden = true;
  $('who').hidden = true;
  $('sign-in').hidden = false;
}

onNoticesChanged(() => redraw());
wireCustomerControls(app);
wireInvoiceControls(app);
$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  signIn($('token').value);
});
$('sign-out').addEventListener('click', signOut);
$('refresh').addEventListener('click', () => app.refresh());

// Outside production the gateway offers the demo partners' tokens.
fetch('/dashboard/demo-tokens')
  .then((response) => (response.ok ? response.json() : null))
  .then((body) => {
    if (!body || !body.tokens.length) return;
    $('demo').replaceChildren(...body.tokens.map((t) => h('option', { value: t.token }, `${t.label} — ${t.tenant}`)));
    $('demo-form').hidden = false;
    $('demo-form').addEventListener('submit', (event) => {
      event.preventDefault();
      signIn($('demo').value);
    });
  })
  .catch(() => undefined);

if (sessionStorage.getItem(TOKEN_KEY)) signIn(sessionStorage.getItem(TOKEN_KEY));

// The partner dashboard: plain browser JavaScript over the public graph (POST /graphql with the
// signed-in user's bearer token). Nothing else is called; every value is rendered as text.
(function () {
  'use strict';

  const TOKEN_KEY = 'partner-dashboard-token';
  const $ = (id) => document.getElementById(id);

  // The dashboard's operations live in gateway/dashboard/operations.graphql and are sent by id,
  // as trusted documents (GET /trusted-documents.json maps their names to ids).
  const MUTATIONS = {
    updateSubscriptionQuantity: 'UpdateSubscriptionQuantity',
    suspendSubscription: 'SuspendSubscription',
    reactivateSubscription: 'ReactivateSubscription',
    cancelSubscription: 'CancelSubscription',
  };
  let documentIds = null;

  let customerNames = new Map();
  let pendingCancel = null;
  /** The business clock (windows are decided on it, not on this computer's clock). */
  let businessNow = new Date();

  // ---- rendering helpers ----------------------------------------------------------------
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) if (child !== null && child !== undefined) el.append(child instanceof Node ? child : String(child));
    return el;
  }
  const day = (iso) => (iso ? String(iso).slice(0, 10) : '—');
  const when = (iso) => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—');
  const nameOf = (customer) => (customer ? customerNames.get(customer.id) || customer.id : '—');
  const offerName = (offer) => (offer ? offer.name || offer.id : '—');
  const money = (m) => (m ? `${m.amount} ${m.currency}` : '—');

  function table(headers, rows, empty) {
    if (!rows.length) return h('p', { class: 'empty' }, empty);
    return h('table', {}, h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))), h('tbody', {}, rows));
  }

  function setStatus(message, kind) {
    const status = $('status');
    status.textContent = message || '';
    status.className = kind || '';
  }

  // ---- the graph ---------------------------------------------------------------------------
  async function idOf(operationName) {
    if (!documentIds) {
      const response = await fetch('/trusted-documents.json');
      if (!response.ok) throw new Error(`The server answered HTTP ${response.status}`);
      const manifest = await response.json();
      documentIds = new Map(manifest.operations.filter((operation) => operation.name).map((operation) => [operation.name, operation.id]));
    }
    return documentIds.get(operationName);
  }

  async function graph(operationName, variables) {
    const sha256Hash = await idOf(operationName);
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY)}` },
      body: JSON.stringify({ operationName, variables, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    });
    let body;
    try {
      body = await response.json();
    } catch {
      throw new Error(`The server answered HTTP ${response.status}`);
    }
    return body;
  }

  async function mutate(name, input) {
    const body = await graph(MUTATIONS[name], { input });
    if (body.errors && body.errors.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    const payload = body.data[name];
    if (payload.errors.length) throw new Error(payload.errors.map((e) => `${e.message}${e.rule ? ` (${e.rule})` : ''}`).join('; '));
    return payload;
  }

  // ---- sections -----------------------------------------------------------------------------
  function renderRenewals(connection) {
    $('renewals').replaceChildren(
      table(
        ['Customer', 'Offer', 'Quantity', 'Term ends', 'Then'],
        connection.edges.map(({ node }) =>
          h('tr', { 'data-renewal': node.id }, h('td', {}, nameOf(node.customer)), h('td', {}, offerName(node.offer)), h('td', {}, node.quantity), h('td', {}, day(node.termEnd)), h('td', {}, node.autoRenew ? 'renews' : 'expires (autorenew off)')),
        ),
        'No renewals due in the next 30 days.',
      ),
    );
  }

  function renderWindows(connection) {
    $('windows').replaceChildren(
      table(
        ['Customer', 'Offer', 'Quantity', 'Cancellable until'],
        connection.edges.map(({ node }) => h('tr', { 'data-window': node.id }, h('td', {}, nameOf(node.customer)), h('td', {}, offerName(node.offer)), h('td', {}, node.quantity), h('td', {}, when(node.cancellationDeadline)))),
        'No cancellation window closes in the next 48 hours.',
      ),
    );
  }

  function renderAgreements(connection) {
    const rows = connection.edges.flatMap(({ node }) =>
      node.subscriptions.map((sub, index) =>
        h(
          'tr',
          { 'data-agreement': node.id },
          h('td', {}, index === 0 ? `${node.number} — ${nameOf(node.customer)}` : ''),
          h('td', {}, index === 0 ? day(node.endDate) + (node.inExtendedTerm ? ' (extended term)' : '') : ''),
          h('td', {}, sub.provisioningId),
          h('td', {}, sub.quantity),
          h('td', {}, sub.availability + (sub.availabilityReason ? ` — ${sub.availabilityReason}` : '')),
        ),
      ),
    );
    $('agreements').replaceChildren(table(['Agreement', 'Ends', 'SKU', 'Quantity', 'Availability in CSP'], rows, 'No Enterprise Agreement expires in the next 180 days.'));
  }

  function renderTransfers(connection) {
    $('transfers').replaceChildren(
      table(
        ['Customer', 'Direction', 'From', 'To', 'Expires'],
        connection.edges.map(({ node }) =>
          h('tr', { 'data-transfer': node.id }, h('td', {}, nameOf(node.customer)), h('td', {}, node.direction === 'INCOMING' ? 'to you: awaiting your answer' : 'from you: awaiting the source partner'), h('td', {}, node.sourcePartnerId), h('td', {}, node.targetPartnerId), h('td', {}, when(node.expiresAt))),
        ),
        'No pending transfer.',
      ),
    );
  }

  /** What the current term has cost so far (charges less refunds since its start). */
  function termCharges(sub) {
    const entries = (sub.ledger || []).filter((e) => e.at >= sub.termStart && e.amount);
    if (!entries.length) return null;
    const currency = entries[0].amount.currency;
    const cents = entries.reduce((sum, e) => sum + (e.kind === 'REFUND' ? -1 : 1) * Math.round(Number(e.amount.amount) * 100), 0);
    return { amount: (cents / 100).toFixed(2), currency };
  }

  function subscriptionRow(sub) {
    const live = sub.status === 'ACTIVE' || sub.status === 'SUSPENDED';
    const quantity = h('input', { type: 'number', min: '1', value: sub.quantity, 'aria-label': 'New quantity', class: 'new-quantity' });
    const reducible = sub.reducibleLicenses;
    const reducibleText = reducible && reducible.quantity > 0 ? `${reducible.quantity} until ${when(reducible.until)}` : reducible && reducible.reason ? `none — ${reducible.reason}` : 'none';
    const actions = [];
    if (sub.status === 'ACTIVE' && !sub.isTrial) {
      actions.push(h('button', { type: 'button', class: 'change-quantity', onclick: () => run(() => mutate('updateSubscriptionQuantity', { subscriptionId: sub.id, quantity: Number(quantity.value), expectedVersion: sub.version }), 'Quantity changed.') }, 'Change quantity'));
      actions.push(h('button', { type: 'button', class: 'suspend', onclick: () => run(() => mutate('suspendSubscription', { subscriptionId: sub.id }), 'Subscription suspended.') }, 'Suspend'));
    }
    if (sub.status === 'SUSPENDED') actions.push(h('button', { type: 'button', class: 'reactivate', onclick: () => run(() => mutate('reactivateSubscription', { subscriptionId: sub.id }), 'Subscription reactivated.') }, 'Reactivate'));
    const windowOpen = live && !sub.isTrial && sub.cancellationDeadline && new Date(sub.cancellationDeadline) > businessNow;
    if (windowOpen) actions.push(h('button', { type: 'button', class: 'cancel', onclick: () => askCancel(sub) }, 'Cancel…'));
    return h(
      'tr',
      { 'data-subscription': sub.id },
      h('td', {}, offerName(sub.offer), sub.isTrial ? ' (trial)' : ''),
      h('td', { class: `status status-${sub.status}` }, sub.status),
      h('td', { class: 'quantity' }, sub.quantity),
      h('td', {}, day(sub.termEnd), sub.autoRenew ? '' : ' (autorenew off)'),
      h('td', { class: 'reducible' }, reducibleText),
      h('td', {}, live ? when(sub.cancellationDeadline) : '—'),
      h('td', {}, sub.status === 'ACTIVE' && !sub.isTrial ? quantity : null, actions),
    );
  }

  function renderCustomers(connection) {
    const blocks = connection.edges.map(({ node }) =>
      h(
        'div',
        { class: 'customer', 'data-customer': node.id },
        h('h3', {}, node.companyName, h('small', {}, ` — ${node.subscriptions.totalCount} subscription(s)`)),
        table(['Offer', 'Status', 'Quantity', 'Term end', 'Reducible licenses', 'Cancellable until', 'Actions'], node.subscriptions.edges.map(({ node: sub }) => subscriptionRow(sub)), 'No subscriptions.'),
      ),
    );
    $('customers').replaceChildren(...(blocks.length ? blocks : [h('p', { class: 'empty' }, 'No customers yet.')]));
  }

  // ---- cancellation with its refund shown first ---------------------------------------------
  function askCancel(sub) {
    pendingCancel = sub;
    const charged = termCharges(sub);
    $('confirm-text').textContent =
      `${offerName(sub.offer)}, ${sub.quantity} license(s): cancellation is possible until ${when(sub.cancellationDeadline)} (168 hours after the term started or renewed). ` +
      `Charged for this term so far: ${money(charged)}. The refund covers the unused days and is computed at the moment of cancellation; it is shown once done. A cancelled subscription cannot be recovered.`;
    $('confirm-cancel').hidden = false;
    $('confirm-yes').focus();
  }

  $('confirm-no').addEventListener('click', () => {
    pendingCancel = null;
    $('confirm-cancel').hidden = true;
  });
  $('confirm-yes').addEventListener('click', () => {
    const sub = pendingCancel;
    pendingCancel = null;
    $('confirm-cancel').hidden = true;
    if (!sub) return;
    run(async () => {
      const payload = await mutate('cancelSubscription', { subscriptionId: sub.id });
      return `Subscription cancelled. Refund: ${money(payload.refund)}.`;
    });
  });

  // ---- loading and actions ------------------------------------------------------------------
  async function load() {
    const body = await graph('PartnerDashboard');
    const data = body.data;
    const partner = data && data.me && data.me.tenant && data.me.tenant.__typename === 'Partner' ? data.me.tenant : null;
    if (!partner) {
      const reason = body.errors && body.errors.length ? body.errors[0].message : 'This token does not belong to a partner user.';
      throw Object.assign(new Error(reason), { signIn: true });
    }
    if (data.sandboxClock) businessNow = new Date(data.sandboxClock);
    customerNames = new Map((data.customers ? data.customers.edges : []).map(({ node }) => [node.id, node.companyName]));
    $('partner-name').textContent = `${partner.name} · PartnerID ${partner.partnerId} · ${data.me.userId}`;
    renderRenewals(partner.renewalsDue);
    renderWindows(partner.cancellationWindowsClosing);
    renderAgreements(partner.eaAgreementsExpiring);
    renderTransfers(partner.pendingTransfers);
    renderCustomers(data.customers || { edges: [] });
    // Partial data: a section the caller may not read is reported, the rest is shown.
    if (body.errors && body.errors.length) setStatus(`Some data could not be loaded: ${body.errors.map((e) => e.message).join('; ')}`, 'error');
  }

  async function run(action, success) {
    setStatus('Working…');
    try {
      const message = await action();
      await load();
      setStatus(typeof message === 'string' ? message : success, 'ok');
    } catch (error) {
      setStatus(error.message, 'error');
    }
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
    $('dashboard').hidden = true;
    $('who').hidden = true;
    $('sign-in').hidden = false;
  }

  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    signIn($('token').value);
  });
  $('sign-out').addEventListener('click', signOut);
  $('refresh').addEventListener('click', () => run(async () => 'Up to date.'));

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
})();

// Buying (ORD-1, ORD-2): search the catalog for what this customer may buy, add lines to a cart,
// then check it out with the partner's attestation. One cart per dialog; the checkout carries an
// idempotency key, so pressing again after a lost answer never buys twice (ORD-7).
import { field, frequencyText, h, select, termText } from './dom.js';
import { openDialog } from './dialog.js';
import { mutate, query } from './graph.js';
import { noticeBox, problemsOf } from './notices.js';
import { previewPanel } from './preview.js';

const ATTESTATION = 'I act as indirect partner when I choose a reseller and as direct partner when I do not.';

export function buyDialog(app, customer) {
  let cart = null;
  const idempotencyKey = crypto.randomUUID();
  const search = h('input', { type: 'search', name: 'offer-search', placeholder: 'e.g. Business Standard' });
  const results = h('div', { class: 'offer-results' });
  const line = h('div', { class: 'cart-line-form' });
  const cartView = h('div', { class: 'cart' }, h('p', { class: 'empty' }, 'The cart is empty.'));
  const attest = h('input', { type: 'checkbox', name: 'attestation' });
  const preview = previewPanel(() => dialog.problems);
  const checkoutInput = () => ({ cartId: cart.id, attestationAccepted: attest.checked, idempotencyKey });

  /** BIL-6: what placing the order would charge, once there is a cart and the attestation is given. */
  function showPreview() {
    if (!cart || !cart.lines.length) preview.clear('Add a line to the cart to see what the order charges.');
    else if (!attest.checked) preview.clear('Tick the attestation to see what the order charges.');
    else preview.update('ConsolePreviewCheckoutCart', checkoutInput());
  }
  attest.addEventListener('change', showPreview);

  function showCart() {
    cartView.replaceChildren(
      cart && cart.lines.length
        ? h('ul', {}, cart.lines.map((l) => h('li', {}, `${l.offer.name || 'offer name unavailable'} — ${l.quantity} license(s), ${termText(l.termDuration)}, ${frequencyText(l.billingFrequency)}`)))
        : h('p', { class: 'empty' }, 'The cart is empty.'),
    );
  }

  function choose(offer) {
    const quantity = h('input', { type: 'number', name: 'quantity', min: String(offer.minQuantity || 1), value: String(offer.minQuantity || 1) });
    const term = select('termDuration', offer.termDurations && offer.termDurations.length ? offer.termDurations : ['P1M'], null, termText);
    const frequency = select('billingFrequency', offer.billingFrequencies && offer.billingFrequencies.length ? offer.billingFrequencies : ['MONTHLY'], null, frequencyText);
    line.replaceChildren(
      h('p', {}, h('strong', {}, offer.name)),
      field('Licenses', quantity),
      field('Term', term),
      field('Billing', frequency),
      h('button', { type: 'button', class: 'add-to-cart', onclick: () => addLine({ offerId: offer.id, quantity: Number(quantity.value), termDuration: term.value, billingFrequency: frequency.value }).catch((error) => dialog.problems.replaceChildren(noticeBox(problemsOf(error), () => dialog.problems.replaceChildren()))) }, 'Add to cart'),
    );
  }

  async function addLine(newLine) {
    dialog.problems.replaceChildren();
    const lines = [...(cart ? cart.lines.map((l) => ({ offerId: l.offer.id, quantity: l.quantity, termDuration: l.termDuration, billingFrequency: l.billingFrequency })) : []), newLine];
    const payload = cart ? await mutate('ConsoleUpdateCart', { cartId: cart.id, lines }) : await mutate('ConsoleCreateCart', { customerId: customer.id, lines });
    cart = payload.cart;
    line.replaceChildren();
    showCart();
    showPreview();
  }

  async function find() {
    const data = await query('CatalogSearch', { customerId: customer.id, search: search.value.trim() || null });
    const offers = data.offers ? data.offers.edges.map((e) => e.node) : [];
    results.replaceChildren(
      offers.length
        ? h('ul', {}, offers.map((offer) => {
            const allowed = !offer.purchasable || offer.purchasable.allowed;
            return h('li', { 'data-offer': offer.id },
              h('button', { type: 'button', class: 'choose-offer', disabled: !allowed, onclick: () => choose(offer) }, 'Choose'), ' ', offer.name || 'offer name unavailable',
              allowed ? '' : h('span', { class: 'reason' }, ` — not available: ${offer.purchasable.reason}`));
          }))
        : h('p', { class: 'empty' }, 'No offer matches.'),
    );
  }

  const dialog = openDialog({
    name: 'buy',
    title: `Buy for ${customer.companyName}`,
    content: [
      h('form', { class: 'offer-search', onsubmit: (event) => { event.preventDefault(); find().catch((error) => results.replaceChildren(h('p', { class: 'error' }, error.message))); } },
        field('Search the catalog', search), h('button', { type: 'submit' }, 'Search')),
      results,
      line,
      h('h3', {}, 'Cart'),
      cartView,
      h('label', { class: 'check' }, attest, ' ', ATTESTATION),
      preview.panel,
    ],
    actions: [{
      label: 'Place order',
      className: 'primary checkout',
      run: async () => {
        if (!cart) throw new Error('Add a line to the cart first.');
        const p = await mutate('ConsoleCheckoutCart', checkoutInput());
        return `Order placed: ${p.order.lines.map((l) => `${l.quantity} × ${l.offer.name || 'offer'}`).join(', ')}.`;
      },
    }],
    onDone: (message) => app.refresh(message),
  });
  showPreview();
}

// Small rendering helpers: elements built from text only (never HTML strings), and the words the
// console uses instead of codes.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) if (child !== null && child !== undefined && child !== false) el.append(child instanceof Node ? child : String(child));
  return el;
}

export const $ = (id) => document.getElementById(id);
export const day = (iso) => (iso ? String(iso).slice(0, 10) : '—');
export const when = (iso) => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—');
export const money = (m) => (m ? `${m.amount} ${m.currency}` : '—');

/** An offer by its name; when the catalog could not answer, said so (the id stays in the tooltip). */
export function offerName(offer) {
  if (offer && offer.name) return offer.name;
  return h('span', { class: 'unavailable', title: offer ? offer.id : '' }, 'offer name unavailable');
}

const STATUS = { ACTIVE: 'Active', SUSPENDED: 'Suspended', EXPIRED: 'Expired', CANCELLED: 'Cancelled', PENDING: 'Being provisioned' };
export const statusText = (status) => STATUS[status] || (status ? String(status).toLowerCase() : 'unknown');

const AVAILABILITY = {
  AVAILABLE: 'Can be renewed in CSP',
  NOT_AVAILABLE_IN_CSP: 'Not sold in CSP: buy a replacement from the catalog',
  SCHEDULED_BY_YOU: 'Renewal scheduled by you',
  NOT_AVAILABLE: 'Already scheduled by another partner',
};
export const availabilityText = (value) => AVAILABILITY[value] || value;

const SCHEDULE = { SCHEDULED: 'scheduled', PROCESSING: 'being processed', COMPLETED: 'completed', CANCELLED: 'cancelled', FAILED: 'failed' };
export const scheduleText = (value) => SCHEDULE[value] || value;

const TERMS = { P1M: '1 month', P1Y: '1 year', P3Y: '3 years' };
export const termText = (value) => TERMS[value] || value || '—';
const FREQUENCIES = { MONTHLY: 'billed monthly', ANNUAL: 'billed annually', TRIENNIAL: 'billed every 3 years' };
export const frequencyText = (value) => FREQUENCIES[value] || value || '—';

/** A table whose cells carry their column's name (the phone layout shows it before each value). */
export function table(headers, rows, empty) {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  for (const row of rows) {
    if (row.classList.contains('notice-row')) continue;
    [...row.children].forEach((cell, index) => {
      if (!cell.hasAttribute('data-label') && headers[index]) cell.setAttribute('data-label', headers[index]);
    });
  }
  return h('table', {}, h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))), h('tbody', {}, rows));
}

/** A labelled form field. */
export function field(label, input) {
  return h('label', { class: 'field' }, h('span', {}, label), input);
}

export function select(name, values, selected, text = (v) => v) {
  return h('select', { name }, values.map((value) => h('option', { value, selected: value === selected }, text(value))));
}

const CHARGE_TYPES = {
  NEW: 'New subscription',
  RENEW: 'Renewal',
  CYCLE_CHARGE: 'Billing period',
  ADD_QUANTITY: 'Licenses added',
  REMOVE_QUANTITY: 'Licenses removed',
  CANCEL: 'Cancellation',
  UPGRADE: 'Upgrade',
  TRANSFER_IN: 'Transferred in',
  TRANSFER_OUT: 'Transferred out',
  CONVERSION: 'Trial converted',
  PERPETUAL_PURCHASE: 'Software bought',
  PERPETUAL_REFUND: 'Software cancelled',
};
export const chargeTypeText = (value) => CHARGE_TYPES[value] || (value ? String(value).toLowerCase().replace(/_/g, ' ') : '—');

/** A period of days, e.g. "2038-01-10 – 2038-02-09". */
export const period = (start, end) => (start || end ? `${day(start)} – ${day(end)}` : '—');

/** What comes next on a subscription: "2038-02-10: 30.00 EUR", or null when nothing more is billed. */
export const nextChargeText = (at, amount) => (at ? `${day(at)}: ${money(amount)}` : null);

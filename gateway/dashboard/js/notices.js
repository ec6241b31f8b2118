// Messages shown where the partner acted: next to the row or inside the dialog that asked for the
// change. A refusal stays, with its rule, until the partner dismisses it (or the same place is used
// again); a reload of the page's data keeps it.
import { h } from './dom.js';

const notices = new Map();
let rerender = () => undefined;

export function onNoticesChanged(callback) {
  rerender = callback;
}

function problemsOf(error) {
  return error && error.problems ? error.problems : [{ message: error && error.message ? error.message : String(error) }];
}

export function setNotice(key, error) {
  notices.set(key, problemsOf(error));
}

export function clearNotice(key) {
  notices.delete(key);
}

/** The notice box of a refusal: each reason with its rule, and a Dismiss button. */
export function noticeBox(problems, onDismiss) {
  return h(
    'div',
    { class: 'notice error', role: 'alert' },
    h('ul', {}, problems.map((p) => h('li', {}, p.message, p.rule ? h('span', { class: 'rule' }, ` (rule ${p.rule})`) : ''))),
    h('button', { type: 'button', class: 'dismiss', onclick: onDismiss }, 'Dismiss'),
  );
}

/** The notice of a place (a row), or null; dismissing it removes it and redraws. */
export function noticeFor(key) {
  const problems = notices.get(key);
  if (!problems) return null;
  return noticeBox(problems, () => {
    notices.delete(key);
    rerender();
  });
}

/** A table row holding a place's notice, under that place's row. */
export function noticeRow(key, columns) {
  const box = noticeFor(key);
  return box ? h('tr', { class: 'notice-row', 'data-notice': key }, h('td', { colspan: columns }, box)) : null;
}

export { problemsOf };

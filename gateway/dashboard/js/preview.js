// What a change would charge or refund (BIL-6), asked with exactly the input its mutation will
// get and shown in the dialog before the partner confirms. A change the preview says would be
// refused shows its reasons in the dialog, as a refusal of the change itself would.
import { chargeTypeText, h, money, nextChargeText, period } from './dom.js';
import { query } from './graph.js';
import { noticeBox, problemsOf } from './notices.js';

const WORKING = 'Working out what this change charges…';

/** How the sums are named: for the partner making the change, unless a dialog says otherwise. */
const LABELS = { charge: 'Charged now', refund: 'Refunded now', next: 'Next charge' };

/**
 * A panel showing the preview of one change; `problems()` is the dialog's place for refusals,
 * `labels` may rename the sums (a transfer credits you and charges the other partner).
 * `update(operation, input)` asks again (the latest answer wins when asked several times);
 * `clear(text)` shows a sentence instead.
 */
export function previewPanel(problemsPlace, labels = LABELS) {
  const panel = h('div', { class: 'preview', 'aria-live': 'polite' });
  const problems = { replaceChildren: (...nodes) => problemsPlace().replaceChildren(...nodes) };
  let asked = 0;

  async function update(operation, input) {
    const mine = ++asked;
    panel.replaceChildren(h('p', { class: 'empty' }, WORKING));
    let preview;
    try {
      const data = await query(operation, { input });
      preview = data && Object.values(data)[0];
      if (!preview) throw new Error('The preview could not be loaded.');
    } catch (error) {
      if (mine !== asked) return null;
      panel.replaceChildren();
      problems.replaceChildren(noticeBox(problemsOf(error), () => problems.replaceChildren()));
      return null;
    }
    if (mine !== asked) return null;
    if (preview.errors.length) {
      panel.replaceChildren(h('p', { class: 'preview-refused' }, 'This change would be refused:'));
      problems.replaceChildren(noticeBox(preview.errors, () => problems.replaceChildren()));
      return preview;
    }
    problems.replaceChildren();
    panel.replaceChildren(previewView(preview, labels));
    return preview;
  }

  function clear(text) {
    asked += 1;
    panel.replaceChildren(text ? h('p', { class: 'empty' }, text) : '');
  }

  return { panel, update, clear };
}

const some = (m) => (m && Number(m.amount) !== 0 ? money(m) : 'nothing');

/** Charged now, refunded now, the next charge after the change, and the lines it would book. */
export function previewView(preview, labels = LABELS) {
  const next = nextChargeText(preview.nextChargeAt, preview.nextChargeAmount);
  return h(
    'div',
    {},
    h('p', { class: 'preview-sums' },
      `${labels.charge}: `, h('strong', { class: 'preview-charge' }, some(preview.charge)), ' · ',
      `${labels.refund}: `, h('strong', { class: 'preview-refund' }, some(preview.refund)), ' · ',
      `${labels.next}: `, h('strong', { class: 'preview-next' }, next || 'none')),
    preview.lines.length
      ? h('ul', { class: 'preview-lines' }, preview.lines.map((line) => h('li', {}, `${chargeTypeText(line.chargeType)}: ${money(line.amount)} (${period(line.chargeStart, line.chargeEnd)})`)))
      : null,
  );
}

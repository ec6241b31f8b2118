// One modal dialog at a time (the <dialog id="dialog"> of the page). A refused change is shown
// inside the dialog, with its rule, and the dialog stays open until the partner closes it.
import { $, h } from './dom.js';
import { noticeBox, problemsOf } from './notices.js';

/**
 * Opens the dialog with a title, its content and its actions. Each action is
 * { label, className, run: async () => message }: while it runs the buttons are disabled; a
 * refusal is shown in the dialog; success closes it and reports the message.
 */
export function openDialog({ title, name, content, actions, onDone }) {
  const dialog = $('dialog');
  const problems = h('div', { class: 'dialog-problems' });
  const buttons = actions.map((action) =>
    h(
      'button',
      {
        type: 'button',
        class: action.className,
        onclick: async () => {
          problems.replaceChildren();
          for (const b of buttons) b.disabled = true;
          try {
            const message = await action.run();
            if (message === false) return;
            dialog.close();
            if (onDone) await onDone(message);
          } catch (error) {
            problems.replaceChildren(noticeBox(problemsOf(error), () => problems.replaceChildren()));
          } finally {
            for (const b of buttons) b.disabled = false;
          }
        },
      },
      action.label,
    ),
  );
  const close = h('button', { type: 'button', class: 'close', onclick: () => dialog.close() }, 'Close');
  dialog.setAttribute('data-dialog', name);
  dialog.replaceChildren(h('h2', {}, title), h('div', { class: 'dialog-content' }, content), problems, h('div', { class: 'dialog-actions' }, buttons, close));
  if (!dialog.open) dialog.showModal();
  return { dialog, problems };
}

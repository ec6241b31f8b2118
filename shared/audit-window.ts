/**
 * AUD-1: the date range of a listing by date (audit records, and the software activity log of
 * SW-2, which follows the same rule): default the last 30 days, at most 90 days back.
 */
export const AUDIT_DEFAULT_DAYS = 30;
export const AUDIT_MAX_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export type AuditWindow = { from: Date; to: Date } | { error: string; field: string };

/** The window for `from`/`to` at `now`, or why it is refused (BAD_USER_INPUT on `field`). */
export function auditWindow(now: Date, from?: Date | null, to?: Date | null): AuditWindow {
  const end = to ?? now;
  const start = from ?? new Date(now.getTime() - AUDIT_DEFAULT_DAYS * DAY_MS);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return { error: 'Invalid date', field: 'from' };
  if (start.getTime() < now.getTime() - AUDIT_MAX_DAYS * DAY_MS) return { error: `from may be at most ${AUDIT_MAX_DAYS} days before now`, field: 'from' };
  if (start.getTime() > end.getTime()) return { error: 'from must not be after to', field: 'from' };
  return { from: start, to: end };
}

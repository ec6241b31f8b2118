/** UTC calendar arithmetic on `YYYY-MM-DD` days. */
function addDays(day: Date, days: number): Date {
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + days));
}

function addMonths(day: Date, months: number): Date {
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + months, day.getUTCDate()));
}

const iso = (day: Date) => day.toISOString().slice(0, 10);

/**
 * EA-2: a partner sees agreements that expired in the last 90 days or expire within the
 * next 6 months (agreements in their extended term count regardless).
 */
export function eaVisibilityWindow(now: Date): { from: string; to: string } {
  return { from: iso(addDays(now, -90)), to: iso(addMonths(now, 6)) };
}

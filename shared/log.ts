/** Errors of background work (LOG_ERRORS=0 silences them, as the tests do). */
export function logError(message: string, error?: unknown): void {
  if (process.env.LOG_ERRORS === '0') return;
  console.error(message, error instanceof Error ? error.message : (error ?? ''));
}

import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { conflict } from '../../../shared/errors';
import type { CustomersContext } from '../context';

/**
 * Flushes, reporting a unique-index race (two acceptances of the same request or invitation
 * at once) as a retryable CONFLICT; the retry then finds the row and is idempotent.
 */
export async function flushOrConflict(ctx: CustomersContext, what: string): Promise<void> {
  try {
    await ctx.em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict(`${what} changed concurrently; retry`);
    throw error;
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAudit, type AuditEntry } from '../audit';
import { BusinessRuleError } from '../errors';
import type { RequestContext } from '../context';
import { requireIdentity } from '../context';
import { UserError } from './types';

export interface PayloadBase {
  errors: UserError[];
}

export interface MutationResult<R> {
  result: R;
  audit: AuditEntry | AuditEntry[];
}

/**
 * Runs one mutation atomically: the work and its audit record (AUD-1) commit together. A
 * {@link BusinessRuleError} rolls everything back and is returned in `errors`; other errors
 * (NOT_FOUND, BAD_USER_INPUT, CONFLICT …) roll back and surface as top-level errors.
 */
export async function runMutation<L, P extends PayloadBase, R extends Partial<P>>(
  ctx: RequestContext<L>,
  Payload: new () => P,
  work: (tx: RequestContext<L>) => Promise<MutationResult<R>>,
): Promise<P> {
  const identity = requireIdentity(ctx);
  const now = await ctx.clock.now();
  try {
    const { result } = await ctx.em.transactional(async (em) => {
      const outcome = await work({ ...ctx, em: em as EntityManager });
      for (const entry of ([] as AuditEntry[]).concat(outcome.audit)) await recordAudit(em, identity, now, entry);
      return outcome;
    });
    return Object.assign(new Payload(), result, { errors: [] });
  } catch (error) {
    if (error instanceof BusinessRuleError) return Object.assign(new Payload(), { errors: [UserError.from(error)] });
    throw error;
  }
}

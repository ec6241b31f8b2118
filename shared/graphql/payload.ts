import type { AuditEntry } from '../audit';
import type { RequestContext } from '../context';
import { mutate, type PayloadBase } from '../unit-of-work';

export type { PayloadBase };

export interface MutationResult<R> {
  result: R;
  audit: AuditEntry | AuditEntry[];
}

/** @deprecated Transitional: resolvers move to `mutate` with events recorded by services. */
export async function runMutation<L, P extends PayloadBase, R extends Partial<P>>(
  ctx: RequestContext<L>,
  Payload: new () => P,
  work: (tx: RequestContext<L>) => Promise<MutationResult<R>>,
): Promise<P> {
  return mutate(ctx, Payload, async (tx) => {
    const { result, audit } = await work(tx);
    for (const entry of ([] as AuditEntry[]).concat(audit)) {
      tx.events!.record({ operation: entry.operation, resourceType: entry.resourceType, resourceId: entry.resourceId, tenantId: entry.tenantId, data: entry.details });
    }
    return result as Partial<Omit<P, 'errors'>>;
  });
}

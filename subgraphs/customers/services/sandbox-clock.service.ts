import { setBusinessNow } from '../../../shared/clock';
import { recordEvent } from '../../../shared/context';
import type { CustomersContext } from '../context';
import type { SetSandboxClockInput } from '../types/partner.types';

/** The sandbox business clock, which every subgraph and job reads. */
export class SandboxClockService {
  /** Moving time changes what every tenant sees, so the operator's audit trail keeps the target (AUD-1). */
  async set(ctx: CustomersContext, input: SetSandboxClockInput): Promise<{ now: Date }> {
    const now = await setBusinessNow(ctx.em, input.now);
    recordEvent(ctx, { resourceType: 'BusinessClock', resourceId: 'platform', data: { now } });
    return { now };
  }
}

export const sandboxClockService = new SandboxClockService();

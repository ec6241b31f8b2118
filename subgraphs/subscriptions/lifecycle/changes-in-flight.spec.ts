import type { RequestContext } from '../../../shared/context';
import { ChangesInFlight } from './changes-in-flight';

const partner = (tenantId: string) => ({ identity: { userId: 'u', tenantId, tenantKind: 'PARTNER', roles: ['ADMIN_AGENT'] } }) as unknown as RequestContext<unknown>;
const customer = { identity: { userId: 'u', tenantId: 'c1', tenantKind: 'CUSTOMER', roles: ['CUSTOMER_ADMIN'] } } as unknown as RequestContext<unknown>;
const codeOf = (error: unknown) => (error as { extensions?: { code?: string } }).extensions?.code;

/** Opens a change that claims `id` and stays open until `release` is called. */
function holding(changes: ChangesInFlight, ctx: RequestContext<unknown>, id: string) {
  let release!: () => void;
  const open = new Promise<void>((resolve) => (release = resolve));
  const settled = changes.run(ctx, id, async (claim) => {
    claim();
    await open;
    return 'done';
  });
  return { release, settled };
}

describe('changes in flight (SUB-11)', () => {
  it('SUB-11: a second change of a held subscription by its partner is refused CONFLICT before it runs', async () => {
    const changes = new ChangesInFlight('test');
    const first = holding(changes, partner('p1'), 'sub-1');
    const second = jest.fn(async () => 'ran');
    await expect(changes.run(partner('p1'), 'sub-1', second)).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(second).not.toHaveBeenCalled();
    first.release();
    await expect(first.settled).resolves.toBe('done');
    expect(changes.size).toBe(0);
    await expect(changes.run(partner('p1'), 'sub-1', second)).resolves.toBe('ran');
  });

  it('SUB-11: a change that claims after another took the subscription meanwhile is refused CONFLICT at its claim', async () => {
    const changes = new ChangesInFlight('test');
    let release!: () => void;
    const open = new Promise<void>((resolve) => (release = resolve));
    // The second change passed the check before the first claimed (its glance was running).
    const second = changes.run(partner('p1'), 'sub-1', async (claim) => {
      await open;
      claim();
      return 'claimed';
    });
    const first = holding(changes, partner('p1'), 'sub-1');
    release();
    const error = await second.catch((e: unknown) => e);
    expect(codeOf(error)).toBe('CONFLICT');
    first.release();
    await first.settled;
    expect(changes.size).toBe(0);
  });

  it('ACT-2: another partner, or a caller that owns no subscription, never meets a held one: it runs as before', async () => {
    const changes = new ChangesInFlight('test');
    const first = holding(changes, partner('p1'), 'sub-1');
    await expect(changes.run(partner('p2'), 'sub-1', async (claim) => (claim(), 'other partner'))).resolves.toBe('other partner');
    await expect(changes.run(customer, 'sub-1', async (claim) => (claim(), 'customer'))).resolves.toBe('customer');
    first.release();
    await first.settled;
  });

  it('a change that fails releases what it held', async () => {
    const changes = new ChangesInFlight('test');
    await expect(
      changes.run(partner('p1'), 'sub-1', async (claim) => {
        claim();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(changes.size).toBe(0);
    await expect(changes.run(partner('p1'), 'sub-1', async (claim) => (claim(), 'again'))).resolves.toBe('again');
  });

  it('a change that never claims (its glance found nothing) holds nothing', async () => {
    const changes = new ChangesInFlight('test');
    let release!: () => void;
    const open = new Promise<void>((resolve) => (release = resolve));
    const unclaimed = changes.run(partner('p1'), 'sub-1', () => open.then(() => 'not found'));
    await expect(changes.run(partner('p1'), 'sub-1', async () => 'runs')).resolves.toBe('runs');
    release();
    await expect(unclaimed).resolves.toBe('not found');
  });
});

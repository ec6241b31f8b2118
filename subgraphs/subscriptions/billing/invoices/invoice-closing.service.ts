import Decimal from 'decimal.js';
import type { DueCounts, SubgraphRuntime } from '../../../../shared/jobs/due-queue';
import { SYSTEM_IDENTITY } from '../../../../shared/jobs/system';
import { formatMoney } from '../../../../shared/money';
import { runUnit } from '../../../../shared/unit-of-work';
import type { SubscriptionsLoaders } from '../../context';
import { InvoiceLine } from './invoice-line.entity';
import { Invoice } from './invoice.entity';
import { InvoiceStatus } from './invoice-status';
import { descriptionOf, factsOfLines } from './invoice-line-names';

const BATCH = 500;

/**
 * BIL-4: lines not described yet get the names of their customer, product and SKU and the
 * partner's PartnerID, read from their owners before any transaction opens, then written in one
 * unit (only to lines still undescribed: a second worker changes nothing). Returns how many.
 */
async function describeLines(runtime: SubgraphRuntime<SubscriptionsLoaders>): Promise<number> {
  const ctx = runtime.contextFor(SYSTEM_IDENTITY);
  ctx.operation = 'describeInvoiceLines';
  const lines = await ctx.em.find(InvoiceLine, { described: false }, { orderBy: { id: 'asc' }, limit: BATCH, fields: ['id', 'customerId', 'offerId', 'partnerId'] });
  if (!lines.length) return 0;
  const facts = await factsOfLines(ctx.graph, lines);
  await runUnit(
    ctx,
    async (tx) => {
      const open = await tx.em.find(InvoiceLine, { id: { $in: lines.map((l) => l.id) }, described: false });
      for (const line of open) Object.assign(line, descriptionOf(facts, line));
    },
    { silent: true },
  );
  return lines.length;
}

/**
 * BIL-3: closes one open invoice whose month is over (taken `for update skip locked`, so a line
 * being booked onto it commits first, and another worker skips it), once every line is
 * described: its total is kept, it never changes again, and INVOICE_READY is recorded in the
 * same transaction. False when none is left to close now.
 */
async function closeNext(runtime: SubgraphRuntime<SubscriptionsLoaders>, now: Date, passed: string[]): Promise<boolean> {
  const ctx = runtime.contextFor(SYSTEM_IDENTITY);
  ctx.operation = 'closeInvoice';
  const candidate = await ctx.em.findOne(Invoice, { status: InvoiceStatus.OPEN, periodEnd: { $lt: now }, id: { $nin: passed } }, { orderBy: { periodEnd: 'asc', id: 'asc' } });
  if (!candidate) return false;
  passed.push(candidate.id);
  await runUnit(ctx, async (tx) => {
    const [locked] = await tx.em.execute<{ id: string }[]>(`select id from subscriptions.invoice where id = ? and status = 'OPEN' for update skip locked`, [candidate.id]);
    if (!locked) return;
    const [sums] = await tx.em.execute<{ total: string | null; lines: string; undescribed: string }[]>(
      `select sum(amount_value) as total, count(*) as lines, count(*) filter (where not described) as undescribed from subscriptions.invoice_line where invoice_id = ?`,
      [candidate.id],
    );
    if (Number(sums.undescribed) > 0) return;
    const invoice = await tx.em.findOneOrFail(Invoice, { id: candidate.id }, { refresh: true });
    const total = new Decimal(sums.total ?? 0);
    const closedAt = new Date(invoice.periodEnd.getTime() + 1);
    Object.assign(invoice, { status: InvoiceStatus.CLOSED, closedAt, closedTotal: total.toFixed(4) });
    tx.events?.record({
      type: 'INVOICE_READY',
      tenantId: invoice.partnerId,
      resourceType: 'Invoice',
      resourceId: invoice.id,
      data: {
        v: 1,
        invoiceId: invoice.id,
        number: invoice.number,
        currency: invoice.currency,
        periodStart: invoice.periodStart.toISOString(),
        periodEnd: invoice.periodEnd.toISOString(),
        total: formatMoney(total, invoice.currency),
        lines: Number(sums.lines),
        closedAt: closedAt.toISOString(),
      },
    });
  });
  return true;
}

/** BIL-3/BIL-4: describes new invoice lines, then closes every open invoice whose month is over. */
export async function runInvoicing(runtime: SubgraphRuntime<SubscriptionsLoaders>): Promise<DueCounts> {
  for (let i = 0; i < 1000 && (await describeLines(runtime)) === BATCH; i++);
  const now = await runtime.contextFor(SYSTEM_IDENTITY).clock.now();
  const passed: string[] = [];
  for (let i = 0; i < 10_000 && (await closeNext(runtime, now, passed)); i++);
  return {};
}

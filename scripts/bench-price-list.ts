import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken } from '../shared/auth/jwt';
import { BillingFrequency } from '../shared/graphql/enums';
import { sellsTerm } from '../subgraphs/catalog/pricing/price.policy';
import { OFFER_SEEDS } from '../subgraphs/catalog/seed/offers.data';
import { benchDatabase } from './bench-database';
import { startStackInProcess } from './stack';

/**
 * `npm run bench:price-list` (BIL-7): generates Partner Center license-based price lists of
 * BENCH_ROWS rows (default 200000; several sizes comma-separated) for the demo catalog, uploads
 * each through the gateway (PUT /catalog/price-list, the stack in this process on a fresh
 * database), then uploads it again (every row unchanged), and prints the time, the rows per
 * second, the process's peak JavaScript heap (gateway and subgraphs run in this process) and its
 * peak resident memory above its level before the upload: the file is streamed, so neither
 * should grow with the size (compare BENCH_ROWS=50000,200000).
 */
const SIZES = (process.env.BENCH_ROWS ?? '200000').split(',').map(Number);
const HEADER = 'ProductTitle,ProductId,SkuId,SkuTitle,Publisher,SkuDescription,UnitOfMeasure,TermDuration,BillingPlan,Market,Currency,UnitPrice,PricingTierRangeMin,PricingTierRangeMax,EffectiveStartDate,EffectiveEndDate,Tags,ERP Price,Segment';
const PLANS: [string, BillingFrequency][] = [
  ['P1M', BillingFrequency.MONTHLY],
  ['P1Y', BillingFrequency.MONTHLY],
  ['P1Y', BillingFrequency.ANNUAL],
  ['P3Y', BillingFrequency.MONTHLY],
  ['P3Y', BillingFrequency.ANNUAL],
  ['P3Y', BillingFrequency.TRIENNIAL],
];
const MONTHS: Record<BillingFrequency, number> = { MONTHLY: 1, ANNUAL: 12, TRIENNIAL: 36 };

/** Writes `rows` rows: every offer × market × term and plan it sells, one month of effective dates after another. */
async function writePriceList(path: string, rows: number, firstYear: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await write(HEADER);
  let written = 0;
  for (let month = 0; written < rows; month++) {
    const start = new Date(Date.UTC(firstYear, month, 1)).toISOString();
    const end = new Date(Date.UTC(firstYear, month + 1, 1) - 1000).toISOString();
    for (const offer of OFFER_SEEDS) {
      if (!offer.productId) continue;
      for (const market of offer.markets) {
        for (const [term, plan] of PLANS) {
          if (written >= rows) break;
          if (!sellsTerm(offer, term, plan)) continue;
          const price = (Number(offer.usdPrice) * MONTHS[plan] * (1 + (month % 5) / 100)).toFixed(2);
          await write(
            `"${offer.name}",${offer.productId},${offer.skuId},"${offer.name}",Microsoft Corporation,"${offer.productFamily} licence, billed ${plan.toLowerCase()}",,${term},${plan[0]}${plan.slice(1).toLowerCase()},${market},USD,${price},,,${start},${end},License,${price},Commercial`,
          );
          written += 1;
        }
      }
    }
  }
  out.end();
  await once(out, 'finish');
}

async function upload(gatewayUrl: string, token: string, path: string) {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 50);
  const started = performance.now();
  const response = await fetch(gatewayUrl.replace(/\/graphql$/, '/catalog/price-list'), {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: createReadStream(path) as unknown as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const report = (await response.json()) as { rows: number; created: number; updated: number; unchanged: number; errorCount: number; error?: string };
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (response.status !== 200) throw new Error(`import answered ${response.status}: ${JSON.stringify(report)}`);
  return { report, seconds, peakMb: Math.round((peak - baseline) / 1024 / 1024), peakHeapMb: Math.round(peakHeap / 1024 / 1024) };
}

async function main() {
  process.env.JOBS_ENABLED = 'false';
  process.env.LOG_LEVEL ??= 'warn';
  const database = await benchDatabase('bench_price_list');
  const stack = await startStackInProcess(database.url);
  const dir = mkdtempSync(join(tmpdir(), 'csp-price-list-'));
  const token = await signDevToken({ sub: 'bench', tid: 'platform', roles: ['PLATFORM_OPERATOR'] });
  const rows: Record<string, string | number>[] = [];
  try {
    for (const [index, size] of SIZES.entries()) {
      const file = join(dir, `price-list-${size}.csv`);
      await writePriceList(file, size, 2100 + index * 10);
      const megabytes = +(statSync(file).size / 1024 / 1024).toFixed(1);
      for (const pass of ['first import', 'same file again']) {
        const { report, seconds, peakMb, peakHeapMb } = await upload(stack.gatewayUrl, token, file);
        rows.push({
          rows: size,
          'file MB': megabytes,
          pass,
          seconds: +seconds.toFixed(1),
          'rows/s': Math.round(report.rows / seconds),
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
          errors: report.errorCount,
          'peak heap MB': peakHeapMb,
          'peak RSS growth MB': peakMb,
        });
      }
    }
    console.table(rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await stack.stop();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

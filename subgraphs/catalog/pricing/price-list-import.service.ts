import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { recordEvent } from '../../../shared/context';
import { notifyCatalogChanged } from '../entity-cache/change-feed';
import { HttpError } from '../../../shared/http';
import { newId } from '../../../shared/ids';
import { COUNTRY_REGION } from '../../../shared/regions';
import { runUnit } from '../../../shared/unit-of-work';
import { Offer } from '../entities/offer.entity';
import type { CatalogContext } from '../context';
import { headerIndex, parsePriceRow, type PriceListCatalog, type PriceListColumn, type PriceRow, type PricedOffer } from './price-list-row';
import { numberSetting } from '../../../shared/config';

/** What an import did (docs/api.md): rows read, prices created, updated and left as they were, refused rows. */
export interface PriceListReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** The first {@link MAX_REPORTED_ERRORS} refused rows, by line (the header is line 1). */
  errors: { line: number; message: string }[];
  /** Every refused row, also those beyond the reported ones. */
  errorCount: number;
}

/** Rows staged per statement: a bounded buffer whatever the file's size. */
const BATCH = 2000;
const MAX_REPORTED_ERRORS = 1000;
/** A larger upload is refused with 413 (PRICE_LIST_MAX_BYTES; Partner Center's monthly files are tens of MB). */
const maxBytes = () => numberSetting(process.env.PRICE_LIST_MAX_BYTES, 512 * 1024 * 1024, { whole: true });
/** Staging rows of an import that never finished (the process died) are removed this long after. */
const ABANDONED_AFTER = '1 hour';

/**
 * BIL-7: imports Partner Center's license-based price list, streamed: rows are parsed
 * (csv-parse) and checked one by one, the valid ones staged in batches outside any transaction
 * (memory stays flat, no lock is held while the client uploads), then merged into the price
 * list in one transaction. Idempotent: a price already listed with the same values is left
 * as it is, so importing a file twice changes nothing. Refused rows change nothing and are
 * reported by line; the other rows of the file are imported.
 */
export class PriceListImportService {
  async import(ctx: CatalogContext, body: AsyncIterable<Buffer | string>): Promise<PriceListReport> {
    const importId = newId('pli');
    await ctx.em.execute(`delete from catalog.price_list_staging where staged_at < clock_timestamp() - interval '${ABANDONED_AFTER}'`);
    try {
      const read = await this.stage(ctx, importId, body);
      const merged = await runUnit(ctx, (tx) => this.merge(tx, importId, read));
      return merged;
    } finally {
      await ctx.em.execute('delete from catalog.price_list_staging where import_id = ?', [importId]);
    }
  }

  /** Streams the file into the staging table; returns the rows read and the refused ones. */
  private async stage(ctx: CatalogContext, importId: string, body: AsyncIterable<Buffer | string>): Promise<Omit<PriceListReport, 'created' | 'updated' | 'unchanged'>> {
    const catalog = await this.catalog(ctx);
    const report = { rows: 0, errors: [] as PriceListReport['errors'], errorCount: 0 };
    const refuse = (line: number, message: string) => {
      report.errorCount += 1;
      if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push({ line, message });
    };
    const parser = parse({
      bom: true,
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: 64 * 1024,
      // A malformed record (wrong number of cells, a stray quote) is a refused row, not the end of the import.
      on_skip: (error: CsvError | undefined) => {
        report.rows += 1;
        refuse(Number(error?.lines) || 0, `not a CSV row of the header's columns: ${error?.message ?? 'unreadable'}`);
      },
    });
    const source = Readable.from(limited(body, maxBytes()));
    source.on('error', (error) => parser.destroy(error));
    source.pipe(parser);

    let index: Partial<Record<PriceListColumn, number>> | undefined;
    let batch: (PriceRow & { record: number; line: number })[] = [];
    // One batch is written while the next is parsed: at most two in memory.
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      await writing;
      writing = this.stageBatch(ctx, importId, batch);
      writing.catch(() => undefined);
      batch = [];
    };
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; records: number } }>) {
      if (!index) {
        const header = headerIndex(record);
        if (header.missing.length) throw new HttpError(400, `The price list lacks the columns ${header.missing.join(', ')} (Partner Center's license-based price list layout)`);
        index = header.index;
        continue;
      }
      report.rows += 1;
      const parsed = parsePriceRow(record, index, catalog);
      if ('error' in parsed) refuse(info.lines, parsed.error);
      else batch.push({ ...parsed.row, record: info.records, line: info.lines });
      if (batch.length >= BATCH) await flush();
    }
    if (!index) throw new HttpError(400, 'The price list is empty: it needs a header row');
    await flush();
    await writing;
    report.errors.sort((a, b) => a.line - b.line);
    return report;
  }

  /** The offers reachable by ProductId/SkuId, and the programme's markets: read once per import. */
  private async catalog(ctx: CatalogContext): Promise<PriceListCatalog> {
    const offers = await ctx.em.find(
      Offer,
      { productId: { $ne: null } },
      { fields: ['id', 'productId', 'skuId', 'markets', 'termDurations', 'billingFrequencies', 'termBilling'] },
    );
    const byKey = new Map<string, PricedOffer>(offers.map((offer) => [`${offer.productId}/${offer.skuId}`, { ...offer, markets: new Set(offer.markets) }]));
    return { offer: (productId, skuId) => byKey.get(`${productId}/${skuId}`), knownMarket: (market) => COUNTRY_REGION.has(market) };
  }

  private async stageBatch(ctx: CatalogContext, importId: string, rows: (PriceRow & { record: number; line: number })[]): Promise<void> {
    if (!rows.length) return;
    await ctx.em.execute(
      `insert into catalog.price_list_staging (import_id, record, line, offer_id, market, segment, term_duration, billing_plan, tier_min,
         effective_start, currency, tier_max, effective_end, unit_price, erp_price)
       select ?, r.record, r.line, r.offer_id, r.market, r.segment, r.term_duration, r.billing_plan, r.tier_min,
         r.effective_start, r.currency, r.tier_max, r.effective_end, r.unit_price::numeric, r.erp_price::numeric
         from jsonb_to_recordset(?::jsonb) as r(record int, line int, offer_id text, market text, segment text, term_duration text, billing_plan text,
           tier_min int, effective_start timestamptz, currency text, tier_max int, effective_end timestamptz, unit_price text, erp_price text)`,
      [
        importId,
        JSON.stringify(
          rows.map((row) => ({
            record: row.record,
            line: row.line,
            offer_id: row.offerId,
            market: row.market,
            segment: row.segment,
            term_duration: row.termDuration,
            billing_plan: row.billingPlan,
            tier_min: row.tierMin,
            effective_start: row.effectiveStart.toISOString(),
            currency: row.currency,
            tier_max: row.tierMax,
            effective_end: row.effectiveEnd.toISOString(),
            unit_price: row.unitPrice,
            erp_price: row.erpPrice,
          })),
        ),
      ],
    );
  }

  /**
   * In one transaction, one import at a time: a price listed twice in the file is refused after
   * its first line; the rest is upserted, counting a row as unchanged when the list already has
   * its key with the same values. One audit record for the import (AUD-1).
   */
  private async merge(tx: CatalogContext, importId: string, read: Omit<PriceListReport, 'created' | 'updated' | 'unchanged'>): Promise<PriceListReport> {
    await tx.em.execute(`select pg_advisory_xact_lock(hashtext('catalog.price_list'))`);
    const duplicates = `select record, line, first_value(line) over w as first_line, row_number() over w as n
        from catalog.price_list_staging where import_id = ?
      window w as (partition by offer_id, market, segment, term_duration, billing_plan, tier_min, effective_start, currency order by record)`;
    const shown = await tx.em.execute<{ line: number; first_line: number }[]>(`select line, first_line from (${duplicates}) d where n > 1 order by line limit ${MAX_REPORTED_ERRORS}`, [importId]);
    const removed = await tx.em.execute<{ n: string }[]>(
      `with d as (${duplicates}), gone as (delete from catalog.price_list_staging s using d where s.import_id = ? and s.record = d.record and d.n > 1 returning 1)
       select count(*)::text as n from gone`,
      [importId, importId],
    );
    const errors = [...read.errors, ...shown.map((d) => ({ line: d.line, message: `the same price (ProductId, SkuId, Market, Segment, TermDuration, BillingPlan, tier, EffectiveStartDate, Currency) is already on line ${d.first_line}` }))]
      .sort((a, b) => a.line - b.line)
      .slice(0, MAX_REPORTED_ERRORS);
    const [counts] = await tx.em.execute<{ created: string; updated: string; staged: string }[]>(
      `with upserted as (
         insert into catalog.price_list_entry (offer_id, market, segment, term_duration, billing_plan, tier_min, effective_start, currency,
           tier_max, effective_end, unit_price, erp_price)
         select offer_id, market, segment, term_duration, billing_plan, tier_min, effective_start, currency, tier_max, effective_end, unit_price, erp_price
           from catalog.price_list_staging where import_id = ?
         on conflict (offer_id, market, segment, term_duration, billing_plan, tier_min, effective_start, currency) do update
           set tier_max = excluded.tier_max, effective_end = excluded.effective_end, unit_price = excluded.unit_price, erp_price = excluded.erp_price
           where (price_list_entry.tier_max, price_list_entry.effective_end, price_list_entry.unit_price, price_list_entry.erp_price)
             is distinct from (excluded.tier_max, excluded.effective_end, excluded.unit_price, excluded.erp_price)
         returning (xmax = 0) as inserted)
       select count(*) filter (where inserted)::text as created, count(*) filter (where not inserted)::text as updated,
              (select count(*) from catalog.price_list_staging where import_id = ?)::text as staged
         from upserted`,
      [importId, importId],
    );
    const created = Number(counts.created);
    const updated = Number(counts.updated);
    const report: PriceListReport = {
      rows: read.rows,
      created,
      updated,
      unchanged: Number(counts.staged) - created - updated,
      errors,
      errorCount: read.errorCount + Number(removed[0].n),
    };
    recordEvent(tx, { type: 'PRICE_LIST_IMPORTED', resourceType: 'PriceList', resourceId: importId, data: { v: 1, rows: report.rows, created, updated, unchanged: report.unchanged, errors: report.errorCount } });
    await notifyCatalogChanged(tx.em);
    return report;
  }
}

/** The body's chunks, refused with 413 once they pass `max` bytes (before the rest is read). */
async function* limited(body: AsyncIterable<Buffer | string>, max: number): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > max) throw new HttpError(413, `The price list is larger than ${max} bytes`);
    yield buffer;
  }
}

export const priceListImport = new PriceListImportService();

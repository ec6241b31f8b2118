import DataLoader from 'dataloader';
import type { RequestContext } from '../../../../shared/context';
import type { Graph } from '../../../../shared/graph-client';
import { catalogPeer, type CatalogOffer } from '../../peers/catalog';
import { customersPeer, type CustomerFacts } from '../../peers/customers';
import { lineFacts, type LineFacts } from './invoice-facts';
import type { InvoiceLine } from './invoice-line.entity';

/** BIL-4: the names an invoice line shows of its customer and of its product and SKU. */
export type LineNames = Pick<InvoiceLine, 'customerName' | 'customerDomain' | 'customerCountry' | 'productId' | 'skuId' | 'productName' | 'skuName'>;

/** The names of a line, from its customer's and offer's facts as their owners give them (one shape for the stored and the read ones). */
export function namesOf(customer: CustomerFacts | null | undefined, offer: CatalogOffer | null | undefined): LineNames {
  return {
    customerName: customer?.companyName ?? undefined,
    customerDomain: customer?.domain ?? undefined,
    customerCountry: customer?.country ?? undefined,
    productId: offer?.productId ?? undefined,
    skuId: offer?.skuId ?? undefined,
    productName: offer?.productFamily ?? undefined,
    skuName: offer?.name ?? undefined,
  };
}

/** BIL-4: what describing a line writes onto it: its names and the billed partner's PartnerID. */
export function descriptionOf(facts: LineFacts, line: Pick<InvoiceLine, 'customerId' | 'offerId' | 'partnerId'>): LineNames & Pick<InvoiceLine, 'described' | 'mpnId'> {
  return {
    described: true,
    ...namesOf(facts.customers.get(line.customerId), facts.offers.get(line.offerId)),
    mpnId: facts.partners.get(line.partnerId)?.partnerId ?? undefined,
  };
}

/** The facts lines need, each owner asked once for all of them (with no transaction open). */
export function factsOfLines(graph: Graph, lines: Pick<InvoiceLine, 'customerId' | 'offerId' | 'partnerId'>[]): Promise<LineFacts> {
  const unique = (values: string[]) => [...new Set(values)];
  return lineFacts(graph, { customerIds: unique(lines.map((l) => l.customerId)), offerIds: unique(lines.map((l) => l.offerId)), partnerIds: unique(lines.map((l) => l.partnerId)) });
}

/**
 * BIL-4: a page of lines as their reconciliation rows show them: a line due work has not
 * described yet gets its description read from the owners now, as `graph`'s caller (one call
 * per owner for the page); the stored lines are left as they are.
 */
export async function describedLines(graph: Graph, lines: InvoiceLine[]): Promise<InvoiceLine[]> {
  const open = lines.filter((line) => !line.described);
  if (!open.length) return lines;
  const facts = await factsOfLines(graph, open);
  return lines.map((line) => (line.described ? line : ({ ...line, ...descriptionOf(facts, line) } as InvoiceLine)));
}

interface NameLoaders {
  customer: DataLoader<string, CustomerFacts | null>;
  offer: DataLoader<string, CatalogOffer | null>;
}

const perRequest = new WeakMap<object, NameLoaders>();

/** Customers and offers through the graph, as the caller, batched per request: one call to each owner however many lines a response holds. */
function nameLoaders(ctx: RequestContext<unknown>): NameLoaders {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    loaders = {
      customer: new DataLoader(async (ids) => customersPeer.customers(ctx.graph, ids)),
      offer: new DataLoader(async (ids) => {
        const offers = await catalogPeer.offers(ctx.graph, ids);
        return ids.map((id) => offers.get(id) ?? null);
      }),
    };
    perRequest.set(ctx, loaders);
  }
  return loaders;
}

/**
 * BIL-4: the names a line shows. Once described (by due work, before its invoice closes) they
 * are the line's own, never read again; until then — an open invoice's line booked since the
 * last run — they are read from their owners, batched with every other line of the response, so
 * a line is never shown without them.
 */
export async function lineNames(ctx: RequestContext<unknown>, line: InvoiceLine): Promise<LineNames> {
  if (line.described) return namesOfLine(line);
  const loaders = nameLoaders(ctx);
  const [customer, offer] = await Promise.all([loaders.customer.load(line.customerId), loaders.offer.load(line.offerId)]);
  return namesOf(customer, offer);
}

function namesOfLine(line: InvoiceLine): LineNames {
  const { customerName, customerDomain, customerCountry, productId, skuId, productName, skuName } = line;
  return { customerName, customerDomain, customerCountry, productId, skuId, productName, skuName };
}

import { Kind, type ArgumentNode, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Offer fields whose value is the same for every authenticated caller and for every business time:
 * columns of the offer row, what is derived from them alone, and the base monthly price of a
 * market (`offer_price` has no effective dates). Changed only by importOffers (CAT-1).
 *
 * Not listed, so never cached: `purchasable`, `purchaseVerdict` (depend on the customer and the
 * caller, CAT-2/3/4/5), `upgradeTargets`, `upgradeEligibility` (CAT-10, read other tables),
 * `priceQuote` and `price` with terms (BIL-7: the price list in effect at a business time, with
 * promotions, BIL-5).
 */
const CALLER_AND_TIME_INDEPENDENT = new Set([
  '__typename', 'id', 'name', 'provisioningId', 'productId', 'skuId', 'productFamily', 'publisher', 'isvPublisher', 'billingType',
  'category', 'segments', 'lifecycle', 'termDurations', 'billingFrequencies', 'minQuantity', 'maxQuantity', 'onePerCustomer',
  'prerequisites', 'trialOfferId', 'paidOfferId', 'marketplaceTrialDays', 'setupUrl', 'isSoftware', 'isPerpetual', 'cancellable',
  'azureReservation', 'commercialOnly', 'exchangeable', 'suite', 'addOnRule', 'priceDetails', 'markets', 'isTrial', 'includesTeams',
  'exclusive', 'software', 'termBilling', 'price',
]);

/** `price` is the base price only with `market` alone; any term argument makes it the price list's, in effect at a time. */
const BASE_PRICE_ARGUMENTS = new Set(['market']);

/**
 * Whether a request's answer may be kept by the gateway's entity cache, or by a subgraph calling
 * the catalog (shared/entity-cache/peer-caches.ts): a query whose one root field is `_entities` and
 * which selects on Offer only fields of {@link CALLER_AND_TIME_INDEPENDENT}, directly or through
 * fragments on Offer defined in the document (a peer contract's `...CatalogOffer`); anything else
 * (another type, a field not listed, `price` with terms, a fragment on another type) is not.
 */
export function cacheableEntityFetch(document: DocumentNode): boolean {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return false;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind !== Kind.OPERATION_DEFINITION) return false;
  }
  const [operation] = operations;
  if (operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query') return false;
  const roots = operation.selectionSet.selections;
  if (roots.length !== 1 || roots[0].kind !== Kind.FIELD || roots[0].name.value !== '_entities' || !roots[0].selectionSet) return false;
  return onlyOfferFields(roots[0].selectionSet, false, fragments);
}

/**
 * Whether a root query's answer may be kept whole by the gateway, for every authenticated caller:
 * its root fields are `offers` and `offer(id)` (and `__typename`), selecting under the page only
 * `edges { cursor node }`, `pageInfo { hasNextPage endCursor }` and `totalCount` (a cursor is the
 * offer's id, the same for everyone), and on Offer only fields of {@link CALLER_AND_TIME_INDEPENDENT}.
 * The list's filters are columns of the offer (CAT-2, CAT-3), except `customerId`, whose segment
 * and country belong to a customer the caller must be allowed to see: a filter naming it, in the
 * text or in the variable the filter is given by, is never cached. Returns the check of the
 * request's variables, or null when no request of this document is cacheable.
 */
export function cacheableRootFetch(document: DocumentNode): ((variables: Record<string, unknown> | undefined) => boolean) | null {
  if (document.definitions.length !== 1) return null;
  const [operation] = document.definitions;
  if (operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query') return null;
  const filterVariables: string[] = [];
  const roots = operation.selectionSet.selections;
  const cacheable = roots.length > 0 && roots.every((root) => {
    if (root.kind !== Kind.FIELD) return false;
    if (root.name.value === '__typename') return true;
    if (root.name.value === 'offer') return !!root.selectionSet && onlyOfferFields(root.selectionSet, true);
    if (root.name.value !== 'offers' || !root.selectionSet) return false;
    const filter = argument(root, 'filter');
    if (filter?.kind === Kind.VARIABLE) filterVariables.push(filter.name.value);
    else if (filter && (filter.kind !== Kind.OBJECT || filter.fields.some((field) => field.name.value === 'customerId'))) return false;
    return onlyPageFields(root.selectionSet);
  });
  if (!cacheable) return null;
  return (variables) => filterVariables.every((name) => {
    const value = variables?.[name];
    return value === undefined || value === null || (typeof value === 'object' && (value as { customerId?: unknown }).customerId == null);
  });
}

function argument(field: FieldNode, name: string): ArgumentNode['value'] | undefined {
  return field.arguments?.find((candidate) => candidate.name.value === name)?.value;
}

/**
 * Whether every field selected on `type` passes `allowed`: inline fragments without a type
 * condition or on `type` itself are looked into; named fragments and other types are refused.
 */
function onlyFieldsOf(selectionSet: SelectionSetNode, type: string, allowed: (field: FieldNode) => boolean): boolean {
  return selectionSet.selections.every((selection) => {
    if (selection.kind === Kind.INLINE_FRAGMENT) return (!selection.typeCondition || selection.typeCondition.name.value === type) && onlyFieldsOf(selection.selectionSet, type, allowed);
    return selection.kind === Kind.FIELD && allowed(selection);
  });
}

const PAGE_INFO_FIELDS = new Set(['__typename', 'hasNextPage', 'endCursor']);

/** The fields of a page of offers that are the same for every caller: edges (cursor, node), pageInfo, totalCount. */
function onlyPageFields(selectionSet: SelectionSetNode): boolean {
  return onlyFieldsOf(selectionSet, 'OfferConnection', (field) => {
    const selected = field.selectionSet;
    switch (field.name.value) {
      case '__typename':
      case 'totalCount':
        return true;
      case 'pageInfo':
        return !!selected && onlyFieldsOf(selected, 'PageInfo', (info) => PAGE_INFO_FIELDS.has(info.name.value));
      case 'edges':
        return !!selected && onlyFieldsOf(selected, 'OfferEdge', (edge) => ['__typename', 'cursor'].includes(edge.name.value) || (edge.name.value === 'node' && !!edge.selectionSet && onlyOfferFields(edge.selectionSet, true)));
      default:
        return false;
    }
  });
}

/**
 * Whether `selectionSet` reads on Offer only listed fields; a named fragment counts when `fragments`
 * defines it on Offer (each looked into once: a fragment spread again, or in a cycle, is refused).
 */
function onlyOfferFields(selectionSet: SelectionSetNode, onOffer: boolean, fragments = new Map<string, FragmentDefinitionNode>(), entered = new Set<string>()): boolean {
  return selectionSet.selections.every((selection) => {
    if (selection.kind === Kind.INLINE_FRAGMENT) return selection.typeCondition?.name.value === 'Offer' && onlyOfferFields(selection.selectionSet, true, fragments, entered);
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || fragment.typeCondition.name.value !== 'Offer' || entered.has(fragment.name.value)) return false;
      entered.add(fragment.name.value);
      return onlyOfferFields(fragment.selectionSet, true, fragments, entered);
    }
    if (selection.kind !== Kind.FIELD) return false;
    const name = selection.name.value;
    if (name === '__typename') return true;
    if (!onOffer || !CALLER_AND_TIME_INDEPENDENT.has(name)) return false;
    return name !== 'price' || (selection.arguments ?? []).every((argument) => BASE_PRICE_ARGUMENTS.has(argument.name.value));
  });
}

import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { fieldsOnType, nodeColumns } from './selection';

/** Which columns a page reads for a query: plain fields by name, declared ones, else all. */
describe('nodeColumns', () => {
  const schema = buildSchema(`
    type Query { items(first: Int): ItemConnection }
    type ItemConnection { edges: [ItemEdge!]! totalCount: Int! }
    type ItemEdge { node: Item! cursor: String! }
    type Item { id: ID! quantity: Int! status: String! offer: Offer! deadline: String! computed: Int! }
    type Offer { id: ID! }
  `);
  // Fields with a resolver of their own: one whose columns are declared, two that are not.
  const item = schema.getType('Item') as any;
  item.getFields().offer.resolve = () => ({ id: 'o' });
  item.getFields().deadline.resolve = () => 'd';
  item.getFields().computed.resolve = () => 1;
  const properties = new Set(['id', 'quantity', 'status', 'offerId', 'termStart', 'customerId']);

  async function columnsOf(query: string): Promise<string[] | undefined> {
    let seen: string[] | undefined | null = null;
    const result = await graphql({
      schema,
      source: query,
      fieldResolver: (source, _args, _ctx, info: GraphQLResolveInfo) => {
        if (info.fieldName === 'items') {
          seen = nodeColumns(info, properties, { offer: ['offerId'], deadline: ['termStart', 'status'] }, ['id', 'customerId']);
          return { edges: [], totalCount: 0 };
        }
        return (source as Record<string, unknown>)?.[info.fieldName];
      },
    });
    expect(result.errors).toBeUndefined();
    if (seen === null) throw new Error('items was not resolved');
    return seen;
  }

  it('reads the plain fields asked for, the declared columns of resolvers, and the columns always needed', async () => {
    expect(await columnsOf('{ items { edges { node { quantity offer { id } } } } }')).toEqual(['customerId', 'id', 'offerId', 'quantity']);
    expect(await columnsOf('{ items { totalCount edges { cursor node { __typename deadline } } } }')).toEqual(['customerId', 'id', 'status', 'termStart']);
  });

  it('follows fragments and inline fragments, with aliases', async () => {
    const query = `{ items { edges { ...E } } } fragment E on ItemEdge { node { q: quantity ... on Item { status } ...N } } fragment N on Item { offer { id } }`;
    expect(await columnsOf(query)).toEqual(['customerId', 'id', 'offerId', 'quantity', 'status']);
  });

  it('reads whole rows when a selected field has a resolver whose columns are not declared', async () => {
    expect(await columnsOf('{ items { edges { node { quantity computed } } } }')).toBeUndefined();
  });

  it('asks for nothing but what is always needed when no node field is selected', async () => {
    expect(await columnsOf('{ items { totalCount } }')).toEqual(['customerId', 'id']);
  });
});

/** The fields a query selects on one type of a union or of `_entities` (the catalog's priced offers). */
describe('fieldsOnType', () => {
  const schema = buildSchema(`
    type Query { things: [Thing!]! }
    union Thing = Offer | Customer
    type Offer { id: ID! price(market: String): Int name: String }
    type Customer { id: ID! price(market: String): Int }
  `);

  async function pricedOffers(query: string): Promise<string[]> {
    let seen: string[] = [];
    await graphql({
      schema,
      source: query,
      fieldResolver: (_source, _args, _ctx, info: GraphQLResolveInfo) => {
        if (info.fieldName === 'things') seen = fieldsOnType(info, 'Offer', (name) => name === 'price').map((field) => field.alias?.value ?? field.name.value);
        return [];
      },
    });
    return seen;
  }

  it('keeps the fields inside fragments on the type, through named fragments and fragments without a condition', async () => {
    const query = `{ things { ... on Offer { de: price(market: "DE") name ... { at: price(market: "AT") } ...O } ... on Customer { ch: price(market: "CH") } } }
      fragment O on Offer { fr: price(market: "FR") }`;
    expect(await pricedOffers(query)).toEqual(['de', 'at', 'fr']);
  });

  it('finds nothing outside fragments on the type', async () => {
    expect(await pricedOffers('{ things { __typename ... on Customer { price(market: "DE") } } }')).toEqual([]);
  });
});

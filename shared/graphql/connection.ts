import type { GraphQLResolveInfo } from 'graphql';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from '../errors';
import { selects } from './selection';
import { DEFAULT_PAGE, MAX_PAGE } from './page-size';
import { PageInfo } from './types';

/** Relay connection arguments shared by every list (`first` at most 100, docs/api.md). */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many items to return: 0 to ${MAX_PAGE}, ${DEFAULT_PAGE} when omitted` }) first?: number;
  @Field(() => String, { nullable: true, description: "Return the items after this cursor (an edge's `cursor` or `pageInfo.endCursor`); omit it for the first page" })
  after?: string;
}

export interface Page {
  first: number;
  /** Id after which the page starts (keyset on the time-ordered id). */
  afterId?: string;
  /** False when the query does not show `totalCount`: the page is then read without counting. */
  counted?: boolean;
}

export function encodeCursor(id: string): string {
  return Buffer.from(`c1:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!raw.startsWith('c1:') || raw.length < 4 || encodeCursor(raw.slice(3)) !== cursor) throw badInput('Invalid cursor', ['after']);
  return raw.slice(3);
}

/**
 * Validates `first`/`after`: BAD_USER_INPUT above 100, below 0, or for a malformed cursor. With
 * the field's `info`, the page knows whether the query shows its `totalCount`.
 */
export function toPage(args: PageArgs, info?: GraphQLResolveInfo): Page {
  const first = args.first ?? DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) throw badInput(`first must be between 0 and ${MAX_PAGE}`, ['first']);
  return { first, afterId: args.after ? decodeCursor(args.after) : undefined, ...(info && { counted: selects(info, 'totalCount') }) };
}

/** An edge whose cursor is encoded only when a query asks for it (most pages of a dashboard do not). */
class LazyEdge<T extends { id: string }> {
  constructor(readonly node: T) {}

  get cursor(): string {
    return encodeCursor(this.node.id);
  }
}

/**
 * A list's total: a number, or a count that runs only if the query asks for `totalCount` (a
 * dashboard that shows a page rarely does, and counting every matching row costs more than the page).
 */
export type TotalCount = number | (() => Promise<number>);

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  totalCount: number | Promise<number>;
}

/** A connection whose totalCount is counted when first read, and once. */
class LazyConnection<T> implements ConnectionShape<T> {
  #total: TotalCount | Promise<number>;

  constructor(
    readonly edges: { node: T; cursor: string }[],
    readonly pageInfo: PageInfo,
    total: TotalCount,
  ) {
    this.#total = total;
  }

  get totalCount(): number | Promise<number> {
    if (typeof this.#total === 'function') this.#total = this.#total();
    return this.#total;
  }
}

/** A connection of a page's edges; `totalCount` is counted only when read (see {@link TotalCount}). */
export function connectionOf<T>(edges: { node: T; cursor: string }[], pageInfo: PageInfo, totalCount: TotalCount): ConnectionShape<T> {
  return new LazyConnection(edges, pageInfo, totalCount);
}

/** Builds a connection from rows fetched with `limit first + 1` (the extra row tells hasNextPage). */
export function toConnection<T extends { id: string }>(rows: T[], page: Page, totalCount: TotalCount): ConnectionShape<T> {
  const nodes = rows.slice(0, page.first);
  const edges = nodes.map((node) => new LazyEdge(node));
  return connectionOf(edges, Object.assign(new PageInfo(), { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null }), totalCount);
}

/** Declares `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function ConnectionType<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor` })
  class Edge {
    @Field(() => node, { description: `The ${name}` }) node!: T;
    @Field({ description: 'Opaque position of this item: pass it as `after` to continue after it' }) cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `One page of ${name} items (cursor pagination with \`first\` and \`after\`)` })
  class Connection {
    @Field(() => [Edge], { description: 'The items of this page, in order' }) edges!: Edge[];
    @Field(() => PageInfo, { description: 'Whether more items follow, and the cursor to fetch them' }) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'Number of items matching the query across all pages' }) totalCount!: number;
  }
  return Connection;
}

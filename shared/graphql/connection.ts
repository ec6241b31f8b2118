import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from '../errors';
import { PageInfo } from './types';

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

/** Relay connection arguments shared by every list (API.md: `first` at most 100). */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true }) first?: number;
  @Field(() => String, { nullable: true }) after?: string;
}

export interface Page {
  first: number;
  /** Id after which the page starts (keyset on the time-ordered id). */
  afterId?: string;
}

export function encodeCursor(id: string): string {
  return Buffer.from(`c1:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!raw.startsWith('c1:') || raw.length < 4 || encodeCursor(raw.slice(3)) !== cursor) throw badInput('Invalid cursor', ['after']);
  return raw.slice(3);
}

/** Validates `first`/`after`: BAD_USER_INPUT above 100, below 0, or for a malformed cursor. */
export function toPage(args: PageArgs): Page {
  const first = args.first ?? DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) throw badInput(`first must be between 0 and ${MAX_PAGE}`, ['first']);
  return { first, afterId: args.after ? decodeCursor(args.after) : undefined };
}

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds a connection from rows fetched with `limit first + 1` (the extra row tells hasNextPage). */
export function toConnection<T extends { id: string }>(rows: T[], page: Page, totalCount: number): ConnectionShape<T> {
  const nodes = rows.slice(0, page.first);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(node.id) }));
  return {
    edges,
    pageInfo: Object.assign(new PageInfo(), { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null }),
    totalCount,
  };
}

/** Declares `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function ConnectionType<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => node) node!: T;
    @Field() cursor!: string;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int) totalCount!: number;
  }
  return Connection;
}

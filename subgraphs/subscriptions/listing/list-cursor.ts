import { badInput } from '../../../shared/errors';
import { SubscriptionListOrder } from './subscription-list.types';

/** A position in a subscription list: the sort key of the last row read and its id. */
export interface ListPosition {
  termEnd?: Date;
  id: string;
}

const PREFIX = 's1';

/**
 * Opaque cursors of the partner-wide list: the order they were read in, the sort key and the
 * id (keyset paging on (sort key, id)). CREATED needs only the id: ids are time-ordered.
 */
export function encodeListCursor(order: SubscriptionListOrder, position: ListPosition): string {
  const key = order === SubscriptionListOrder.TERM_END ? String(position.termEnd!.getTime()) : '';
  return Buffer.from(`${PREFIX}:${order}:${key}:${position.id}`).toString('base64url');
}

/** The position a cursor names, or BAD_USER_INPUT for a cursor this list in this order did not give. */
export function decodeListCursor(order: SubscriptionListOrder, cursor: string): ListPosition {
  const invalid = () => badInput('Invalid cursor (it must come from this list in the same order)', ['after']);
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const [prefix, ordered, key, ...rest] = raw.split(':');
  const id = rest.join(':');
  if (prefix !== PREFIX || ordered !== order || !id || id.length > 100) throw invalid();
  let position: ListPosition = { id };
  if (order === SubscriptionListOrder.TERM_END) {
    if (!/^-?\d{1,15}$/.test(key)) throw invalid();
    position = { termEnd: new Date(Number(key)), id };
  } else if (key !== '') throw invalid();
  if (encodeListCursor(order, position) !== cursor) throw invalid();
  return position;
}

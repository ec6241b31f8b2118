import { randomBytes } from 'node:crypto';

/**
 * Opaque, time-ordered identifiers (UUIDv7 layout, hex without dashes) with a type prefix.
 * Ordering by id gives creation order, which keyset pagination relies on. The timestamp is
 * wall time on purpose: an id must be unique and monotonic even when the business clock is
 * moved back in a sandbox.
 */
let lastMs = 0n;
let seq = 0;

export function newId(prefix: string): string {
  let ms = BigInt(Date.now());
  if (ms <= lastMs) {
    ms = lastMs;
    seq += 1;
  } else {
    seq = 0;
  }
  lastMs = ms;
  const time = ms.toString(16).padStart(12, '0');
  const counter = (0x7000 | (seq & 0x0fff)).toString(16);
  const rand = randomBytes(8).toString('hex');
  return `${prefix}_${time}${counter}${rand}`;
}

import { randomFillSync } from 'node:crypto';

/**
 * Opaque, time-ordered identifiers (UUIDv7 layout, hex without dashes) with a type prefix.
 * Ordering by id gives creation order, which keyset pagination relies on. The timestamp is
 * wall time on purpose: an id must be unique and monotonic even when the business clock is
 * moved back in a sandbox.
 */
let lastMs = 0n;
let seq = 0;

/**
 * Random bytes taken 8 at a time from a pool filled by the CSPRNG 4 KiB at a time: one call into
 * the generator per 512 ids instead of one per id (a write creates half a dozen ids). Each byte is
 * handed out once.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let taken = POOL_BYTES;

function randomHex8(): string {
  if (taken + 8 > POOL_BYTES) {
    randomFillSync(pool);
    taken = 0;
  }
  const hex = pool.toString('hex', taken, taken + 8);
  taken += 8;
  return hex;
}

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
  const rand = randomHex8();
  return `${prefix}_${time}${counter}${rand}`;
}

import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A port on loopback that nothing listens on, for a process started next (an embedded
 * PostgreSQL, a subgraph or the gateway of a benchmark or test).
 *
 * Taken below the kernel's ephemeral range (`net.ipv4.ip_local_port_range`), never from it: the
 * port is free when this answers but bound only later by the process it is for, and meanwhile
 * any outgoing connection on the machine (a pool connecting to PostgreSQL, say) may be given an
 * ephemeral port as its local end. A port the kernel handed out for `listen(0)` is exactly such
 * a port, so the process it was for then failed with EADDRINUSE. Below the range, only another
 * listener can take it; within this process no port is handed out twice.
 */
export async function freePort(): Promise<number> {
  const [low, high] = candidateRange();
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await bindable(port)) return port;
    handedOut.delete(port);
  }
  throw new Error(`freePort: no free port between ${low} and ${high}`);
}

const handedOut = new Set<number>();

/** Where to look: from 20000 up to the start of the ephemeral range (Linux's default starts at 32768). */
export function candidateRange(rangeFile = '/proc/sys/net/ipv4/ip_local_port_range'): [number, number] {
  let ephemeralLow = 32768;
  try {
    const [first] = readFileSync(rangeFile, 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isInteger(first) && first > 1024) ephemeralLow = first;
  } catch {
    // Not Linux: the IANA ephemeral range starts at 49152; 32768 stays below it too.
  }
  const low = Math.min(20000, Math.floor(ephemeralLow / 2));
  return [low, ephemeralLow];
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

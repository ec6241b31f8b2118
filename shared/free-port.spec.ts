import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { candidateRange, freePort } from './free-port';

describe('freePort', () => {
  it('hands out ports below the ephemeral range, each once, that a listener can bind', async () => {
    const [, ephemeralLow] = candidateRange();
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) expect(port).toBeLessThan(ephemeralLow);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(ports[0], '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads where the ephemeral range starts, and stays below it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ports-'));
    writeFileSync(join(dir, 'range'), '40000\t60999\n');
    expect(candidateRange(join(dir, 'range'))).toEqual([20000, 40000]);
    writeFileSync(join(dir, 'range'), '16384 60999\n');
    expect(candidateRange(join(dir, 'range'))).toEqual([8192, 16384]);
    expect(candidateRange(join(dir, 'missing'))).toEqual([16384, 32768]);
  });
});

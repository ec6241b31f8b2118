import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot, SUBGRAPH_NAMES } from '../../shared/config';
import { freePort } from '../../shared/free-port';
import { onboardPartner } from '../support/fixtures';
import { useStack } from '../support/stack';

/** Worker processes of a process (its children, read from /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((child) => {
      try {
        const stat = readFileSync(`/proc/${child}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    });
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * `node dist/gateway/main.js --cluster 2` (the compiled gateway, as `npm start` runs it): two
 * worker processes share the port and answer; a worker that dies is replaced; SIGTERM stops
 * them all.
 */
describe('gateway cluster', () => {
  const t = useStack();
  let primary: ChildProcess | undefined;

  afterAll(() => {
    if (primary?.exitCode === null) primary.kill('SIGKILL');
  });

  it('--cluster 2: two workers answer on one port, a dead worker is replaced, SIGTERM stops them all', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, GATEWAY_PORT: String(port), LOG_LEVEL: 'warn' };
    for (const name of SUBGRAPH_NAMES) env[`${name.toUpperCase()}_URL`] = t.stack.subgraphs[name].url;
    primary = spawn(process.execPath, [join(projectRoot(), 'dist', 'gateway', 'main.js'), '--cluster', '2'], { env, stdio: 'ignore' });
    const url = `http://127.0.0.1:${port}/graphql`;
    const partner = await onboardPartner(t);
    const token = await partner.token();
    const ask = async () => {
      try {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ me { tenantId } }' }) });
        return ((await response.json()) as { data?: { me?: { tenantId: string } } }).data?.me?.tenantId;
      } catch {
        return undefined;
      }
    };
    await until('the cluster to answer', ask);
    const workers = await until('two workers', () => (childrenOf(primary!.pid!).length === 2 ? childrenOf(primary!.pid!) : undefined));
    for (let i = 0; i < 10; i++) expect(await ask()).toBe(partner.id);

    process.kill(workers[0], 'SIGKILL');
    const replaced = await until('a replacement worker', () => {
      const now = childrenOf(primary!.pid!);
      return now.length === 2 && !now.includes(workers[0]) ? now : undefined;
    });
    expect(replaced).toContain(workers[1]);
    await until('the replacement to answer', async () => {
      for (let i = 0; i < 4; i++) if ((await ask()) !== partner.id) return undefined;
      return true;
    });

    const exited = new Promise<number | null>((resolve) => primary!.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(replaced.filter((pid) => childrenOf(primary!.pid!).includes(pid) || readdirSync('/proc').includes(String(pid)))).toEqual([]);
  });
});

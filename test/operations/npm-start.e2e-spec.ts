import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken } from '../../shared/auth/jwt';
import { SUBGRAPH_NAMES } from '../../shared/config';
import { freePort } from '../../shared/free-port';
import { isAlive, killAll, refusesConnections, spawnCompiled, until, type SpawnedProcess } from '../support/processes';

/**
 * `npm start` (dist/scripts/start.js) supervises its embedded PostgreSQL like its Node
 * processes: a postmaster killed with SIGKILL is started again and the graph answers again by
 * itself; Ctrl-C stops everything, the restarted PostgreSQL included.
 */
describe('npm start supervises PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'csp-start-pg-'));
  let start: SpawnedProcess | undefined;
  afterAll(() => {
    killAll([start]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a postmaster killed with SIGKILL is restarted and the graph answers again; SIGINT then stops every process and PostgreSQL', async () => {
    const ports: Record<string, number> = {};
    for (const name of ['gateway', ...SUBGRAPH_NAMES, 'pg']) ports[name] = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', JOBS_ENABLED: 'false', EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(ports.pg) };
    delete env.DATABASE_URL;
    for (const name of ['gateway', ...SUBGRAPH_NAMES]) {
      env[`${name.toUpperCase()}_PORT`] = String(ports[name]);
      delete env[`${name.toUpperCase()}_URL`];
    }
    start = spawnCompiled('scripts/start.js', [], env);
    const gateway = `http://127.0.0.1:${ports.gateway}`;
    const token = await signDevToken({ sub: 'operator', tid: 'platform', roles: ['PLATFORM_OPERATOR'] });
    const answers = async () => {
      try {
        const response = await fetch(`${gateway}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ sandboxClock }' }) });
        const body = (await response.json()) as { data?: { sandboxClock?: string } };
        return body.data?.sandboxClock ? true : undefined;
      } catch {
        return undefined;
      }
    };
    await until('npm start to serve the graph', answers, 90_000);
    const postmaster = () => {
      try {
        return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      } catch {
        return undefined;
      }
    };
    const first = postmaster()!;
    expect(isAlive(first)).toBe(true);

    process.kill(first, 'SIGKILL');
    const second = await until('a new postmaster', () => {
      const pid = postmaster();
      return pid && pid !== first && isAlive(pid) ? pid : undefined;
    }, 60_000);
    await until('the graph to answer again', answers, 60_000);

    start.child.kill('SIGINT');
    expect(await start.exited).toEqual({ code: 0, signal: null });
    expect(isAlive(second)).toBe(false);
    for (const name of ['gateway', ...SUBGRAPH_NAMES, 'pg']) expect([name, await refusesConnections(ports[name])]).toEqual([name, true]);
  }, 180_000);
});

// autocannon ships no types: what this script calls of it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<unknown>;

/**
 * The load of one benchmark row, in a process of its own (its CPU is not counted as any target's):
 * autocannon at 10 connections posting one query for a number of seconds. With several header
 * sets (BENCH_USERS), connection i sends every request with set i mod n, so with ten users and
 * ten connections no two requests in flight carry the same caller. Prints autocannon's result as
 * JSON. Input: BENCH_LOAD={"url","query","headers":[{...}],"seconds"}.
 */
interface Load {
  url: string;
  query: string;
  headers: Record<string, string>[];
  seconds: number;
}

function run(load: Load): Promise<unknown> {
  let connection = 0;
  const body = JSON.stringify({ query: load.query });
  return autocannon({
    url: load.url,
    connections: 10,
    duration: load.seconds,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...load.headers[0] },
    setupClient: (client: { setHeadersAndBody(headers: Record<string, string>, body: string): void }) => {
      const headers = load.headers[connection++ % load.headers.length];
      client.setHeadersAndBody({ 'content-type': 'application/json', ...headers }, body);
    },
  });
}

run(JSON.parse(process.env.BENCH_LOAD!)).then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

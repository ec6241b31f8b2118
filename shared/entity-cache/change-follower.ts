import { Agent, fetch } from 'undici';
import { SECRET_HEADER } from '../auth/forwarding';
import { CATALOG_CHANGES_INTERNAL_PATH } from '../config';
import type { EntityCache } from './entity-cache';

/** How long one long poll waits for a change before the catalog answers anyway (a heartbeat). */
const WAIT_MS = 20_000;
/** Extra time given to the catalog to answer a long poll before the feed counts as lost. */
const ANSWER_MARGIN_MS = 5_000;
/** Pause after a failed poll, doubled after each failure in a row, at most MAX_RETRY_MS. */
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;

/**
 * Follows the catalog's change feed (`GET /internal/catalog/changes`, a long poll after the last
 * position seen) for an entity cache: the cache serves once the feed answers, empties itself
 * whenever the position moves (an import of offers or of the price list committed), and stops
 * serving, emptied, while the feed does not answer (the catalog is down or restarting).
 */
export class ChangeFollower {
  private readonly stopping = new AbortController();
  private running?: Promise<void>;
  /**
   * The feed's own connection, closed on stop: a long poll aborted by `stop` can leave the shared
   * pool connecting again with nothing to send, a connection that holds the catalog's shutdown
   * until its grace period ends.
   */
  private readonly connection = new Agent({ connections: 1 });

  constructor(
    private readonly catalogUrl: string,
    private readonly secret: string,
    private readonly cache: EntityCache,
  ) {}

  start(): this {
    this.running ??= this.follow();
    return this;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
    await this.connection.destroy();
  }

  private async follow(): Promise<void> {
    const url = new URL(this.catalogUrl);
    url.pathname = CATALOG_CHANGES_INTERNAL_PATH;
    let position: string | undefined;
    let retryMs = FIRST_RETRY_MS;
    while (!this.stopping.signal.aborted) {
      try {
        url.search = new URLSearchParams({ after: position ?? '', wait: String(position === undefined ? 0 : WAIT_MS) }).toString();
        const response = await fetch(url, {
          headers: { [SECRET_HEADER]: this.secret },
          dispatcher: this.connection,
          signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(WAIT_MS + ANSWER_MARGIN_MS)]),
        });
        const body = (await response.json()) as { position?: unknown };
        if (!response.ok || typeof body.position !== 'string') throw new Error(`the catalog's change feed answered ${response.status}`);
        if (position !== undefined && body.position !== position) this.cache.invalidate('change');
        position = body.position;
        this.cache.connected();
        this.cache.followed(position);
        retryMs = FIRST_RETRY_MS;
      } catch {
        if (this.stopping.signal.aborted) break;
        position = undefined;
        this.cache.disconnected();
        await pause(retryMs, this.stopping.signal);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
    }
    this.cache.disconnected();
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

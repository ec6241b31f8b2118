/** One started unit (a Node process, PostgreSQL): resolves `exited` with how it ended. */
export interface Running {
  exited: Promise<string>;
  stop: () => Promise<void>;
}

/**
 * The restart delay of one unit, as an orchestrator's: 1 s, then twice as long after each
 * quick crash, at most 30 s; a run of a minute or more starts again from 1 s.
 */
export class Backoff {
  private delayMs = 1000;
  next(ranMs: number): number {
    if (ranMs >= 60_000) this.delayMs = 1000;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, 30_000);
    return delay;
  }
}

/**
 * Keeps units running for `npm start`: one that exits on its own (or whose start fails on a
 * restart) is started again after its back-off; `stop` stops them in the order given, each
 * group at once, and nothing is restarted from then on.
 */
export class Supervisor {
  private stopping = false;
  private readonly running = new Map<string, Running>();

  constructor(private readonly report: (message: string) => void = (message) => console.error(message)) {}

  /** Starts the unit (a failing first start throws) and keeps it running until `stop`. */
  async keep(label: string, start: () => Promise<Running>): Promise<void> {
    const backoff = new Backoff();
    const watch = (running: Running, began: number) => {
      this.running.set(label, running);
      void running.exited.then((how) => {
        if (this.stopping) return;
        this.running.delete(label);
        const delay = backoff.next(performance.now() - began);
        this.report(`[${label}] exited (${how}); restarting in ${delay / 1000} s`);
        setTimeout(() => void restart(), delay);
      });
    };
    const restart = async (): Promise<void> => {
      if (this.stopping) return;
      const began = performance.now();
      try {
        watch(await start(), began);
      } catch (error) {
        const delay = backoff.next(0);
        this.report(`[${label}] did not start (${error instanceof Error ? error.message : String(error)}); retrying in ${delay / 1000} s`);
        setTimeout(() => void restart(), delay);
      }
    };
    watch(await start(), performance.now());
  }

  /** Stops every unit, group after group (e.g. gateway, then subgraphs, then PostgreSQL). */
  async stop(order: string[][]): Promise<void> {
    this.stopping = true;
    for (const group of order) await Promise.all(group.map((label) => this.running.get(label)?.stop()));
  }
}

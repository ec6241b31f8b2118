import { TestEnvironment } from 'jest-environment-node';

/** Handles that keep a process alive and that a test file opens: connections, listening servers, child processes. */
const HELD = new Set(['TCPSocketWrap', 'TCPServerWrap', 'PipeServerWrap', 'ProcessWrap']);
/** How long a connection may take to close once its file is done (closing is asynchronous). */
const GRACE_MS = 2000;

function held(): string[] {
  return process.getActiveResourcesInfo().filter((resource) => HELD.has(resource));
}

/**
 * Jest's node environment, and one more check when a test file ends: it leaves no connection,
 * server or child process open in the worker. One left open (an answer never read, a server
 * never closed) would keep the worker alive after the run, and Jest would have to kill it.
 */
export default class OpenConnectionsEnvironment extends TestEnvironment {
  private before: string[] = [];

  override async setup(): Promise<void> {
    await super.setup();
    this.before = held();
  }

  override async teardown(): Promise<void> {
    await super.teardown();
    const deadline = performance.now() + GRACE_MS;
    while (held().length > this.before.length && performance.now() < deadline) await new Promise((done) => setTimeout(done, 20));
    const left = held();
    if (left.length > this.before.length) {
      throw new Error(`The test file left open what keeps its process alive: ${left.join(', ')} (at its start: ${this.before.join(', ') || 'none'}). Close servers and stop processes, and read every answer to its end.`);
    }
  }
}

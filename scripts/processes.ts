import type { ChildProcess } from 'node:child_process';

/** Stops child processes: SIGTERM, then SIGKILL for any still running after `graceMs`. */
export async function stopChildren(children: Iterable<ChildProcess>, graceMs = 5000): Promise<void> {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
        }),
    ),
  );
}

/**
 * Waits until each URL answers 2xx, polling every 200 ms, at most `timeoutMs` in all; fails at
 * once when one of `children` exits meanwhile (it will never answer).
 */
export async function waitForHealthy(urls: string[], children: ReadonlyMap<string, ChildProcess> = new Map(), timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (const url of urls) {
    for (;;) {
      for (const [label, child] of children) if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode} while starting`);
      if (await fetch(url).then((response) => response.ok, () => false)) break;
      if (performance.now() > deadline) throw new Error(`${url} did not become healthy`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

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

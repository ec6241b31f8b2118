import { spawn, type ChildProcess } from 'node:child_process';
import type { EmbeddedDatabase } from '../shared/db/embedded';
import { shutdownGraceMs } from '../shared/lifecycle/shutdown';
import type { Running } from './supervisor';

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
 * A Node process under `npm start`. Its IPC channel tells it that a supervisor decides when it
 * stops (shared/lifecycle/shutdown.ts): it ignores the terminal's Ctrl-C, stops on SIGTERM
 * (killed if still running a grace period later) and stops by itself if the supervisor dies.
 */
export function nodeProcess(script: string, args: string[], env: NodeJS.ProcessEnv): Running & { child: ChildProcess } {
  const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)));
  return { child, exited, stop: () => stopChildren([child], shutdownGraceMs() + 5000) };
}

/**
 * The embedded PostgreSQL as a supervised unit: it has died when its postmaster's process is
 * gone (checked every 500 ms; the package keeps the process object to itself). `stop` is the
 * package's clean shutdown.
 */
export function postgresUnit(database: EmbeddedDatabase): Running {
  const pid = database.pid();
  const exited = new Promise<string>((resolve) => {
    const timer = setInterval(() => {
      if (pid !== undefined && isRunning(pid)) return;
      clearInterval(timer);
      resolve(pid === undefined ? 'no postmaster.pid' : `postmaster ${pid} is gone`);
    }, 500);
    timer.unref();
  });
  return { exited, stop: () => database.stop() };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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

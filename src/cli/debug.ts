// LIANPIAN_DEBUG=1: where the CLI's time goes, on stderr (milliseconds since the process started, either thread).
import { isMainThread } from 'node:worker_threads';

const on = !!process.env.LIANPIAN_DEBUG;

/** Note that `what` has just happened. */
export function trace(what: string): void {
  if (!on) return;
  // performance.now() counts from each thread's own start: timeOrigin puts both on the process's clock
  const ms = performance.timeOrigin + performance.now() - Number(process.env.LIANPIAN_T0 ?? performance.timeOrigin);
  process.stderr.write(`[${ms.toFixed(0).padStart(5)} ms ${isMainThread ? 'main' : 'helper'}] ${what}\n`);
}

if (on && isMainThread) process.env.LIANPIAN_T0 = String(performance.timeOrigin);

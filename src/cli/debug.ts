// LIANPIAN_DEBUG=1: where the CLI's time goes, on stderr (milliseconds since the process started, either thread).
import { isMainThread } from 'node:worker_threads';

const on = !!process.env.LIANPIAN_DEBUG;

/** Note that `what` has just happened. */
export function trace(what: string): void {
  if (!on) return;
  // performance.now() counts from each thread's own start: timeOrigin puts both on the process's clock
  const ms = performance.timeOrigin + performance.now() - Number(process.env.LIANPIAN_T0 ?? performance.timeOrigin);
  const m = process.memoryUsage();
  const mb = (n: number): string => (n / 1048576).toFixed(0).padStart(4);
  // resident memory of the whole process; the heap and the array buffers of this thread; memory first touched so far
  // by the process (minor page faults: on some VMs a fresh page costs ~10 µs)
  process.stderr.write(`[${ms.toFixed(0).padStart(5)} ms ${isMainThread ? 'main  ' : 'helper'} rss ${mb(m.rss)} heap ${mb(m.heapUsed)} buffers ${mb(m.arrayBuffers)} MB, faulted ${mb(process.resourceUsage().minorPageFault * 4096)} MB] ${what}\n`);
}

if (on && isMainThread) process.env.LIANPIAN_T0 = String(performance.timeOrigin);

// Drivers for analyses written as generators that yield their fraction done (0…1) between chunks of work.

export interface StepOptions {
  /** Called with the fraction done after each chunk. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** Run the steps to the end in one go (CLI, bench, tests). */
export function runSteps<T>(it: Generator<number, T>, { onProgress }: StepOptions = {}): T {
  for (;;) {
    const step = it.next();
    if (step.done) return step.value;
    onProgress?.(step.value);
  }
}

/**
 * Run the steps, yielding to the event loop about every `sliceMs` so a worker can report progress and notice
 * `signal` being aborted (the promise then rejects with the signal's reason).
 */
export async function runStepsAsync<T>(it: Generator<number, T>, { onProgress, signal }: StepOptions = {}, sliceMs = 30): Promise<T> {
  let last = performance.now();
  for (;;) {
    signal?.throwIfAborted();
    const step = it.next();
    if (step.done) return step.value;
    onProgress?.(step.value);
    if (performance.now() - last > sliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      last = performance.now();
    }
  }
}

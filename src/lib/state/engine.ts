// The one worker that loads files and runs analyses on the data it loaded (so big geometry never crosses
// to the main thread twice). Jobs are numbered; each has one handler for the messages it produces.
import type { FromWorker, ToWorker } from '../../workers/protocol';

export type JobHandler = (m: FromWorker) => void;

export class Engine {
  #worker: Worker | null = null;
  #job = 0;
  #handlers = new Map<number, JobHandler>();
  /** called when the worker itself dies (not for a job's own errors) */
  onCrash: (message: string) => void = () => {};

  #ensure(): Worker {
    if (!this.#worker) {
      this.#worker = new Worker(new URL('../../workers/load.worker.ts', import.meta.url), { type: 'module' });
      this.#worker.onmessage = (e: MessageEvent<FromWorker>) => this.#handlers.get(e.data.job)?.(e.data);
      this.#worker.onerror = (e) => {
        this.onCrash(e.message);
        for (const h of this.#handlers.values()) h({ type: 'error', job: -1, zh: `读取线程出错：${e.message}`, en: `The worker failed: ${e.message}` });
        this.#handlers.clear();
      };
    }
    return this.#worker;
  }

  /** A new job number with its handler; call `end(job)` when it is over. */
  start(handler: JobHandler): number {
    const job = ++this.#job;
    this.#handlers.set(job, handler);
    return job;
  }

  post(msg: ToWorker, transfer: Transferable[] = []): void {
    this.#ensure().postMessage(msg, transfer);
  }

  end(job: number): void {
    this.#handlers.delete(job);
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#handlers.clear();
  }
}

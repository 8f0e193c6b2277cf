// The bench harness: each case runs in its own child process (clean heap, honest peak RSS), best of N runs.
export interface Measure {
  now(): number;
}

export interface BenchCase {
  label: string;
  /** The work runs in another process: this one's GC time and RSS say nothing about it, so they are left out. */
  external?: boolean;
  prepare(): Promise<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  run(data: any, measure: Measure): Record<string, number>;
}

export interface BenchSection {
  name: string;
  title: string;
  notes: string[];
  cases(sizes: number[]): BenchCase[];
}

// Preloaded into a timed CLI run (node --import): on exit, write the process's CPU time (user + system, all threads,
// milliseconds) to the file named by LP_CPU_OUT, since Node cannot read a finished child's CPU time itself.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const u = process.cpuUsage();
  if (process.env.LP_CPU_OUT) writeFileSync(process.env.LP_CPU_OUT, String((u.user + u.system) / 1000));
});

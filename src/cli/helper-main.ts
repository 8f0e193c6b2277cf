// The CLI's helper thread (helper.ts), bundled apart from the CLI (scripts/cli.mjs): only the code it runs.
import { runHelperThread } from './helper-task';

runHelperThread();

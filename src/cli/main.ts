// The Lianpian command line: thin over src/lib. `npm run cli -- <command> ...`
import { describeError } from '../lib/io/errors';
import { parseArgs } from './args';
import { trace } from './debug';
import { setHelperEntry } from './helper';

type Command = { run(args: ReturnType<typeof parseArgs>): Promise<void>; usage: string; booleans?: readonly string[] };

const commands: Record<string, () => Promise<Command>> = {
  info: () => import('./info'),
  clusters: () => import('./clusters'),
  districts: () => import('./districts'),
  sites: () => import('./sites'),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help' || !(name in commands)) {
    const lines = ['usage: npm run cli -- <command> [options]', '', 'commands:'];
    for (const load of Object.values(commands)) lines.push('  ' + (await load()).usage);
    lines.push('', 'every command accepts --crs <EPSG:code | proj4 string | gcj02 | bd09> for files that do not declare their CRS');
    (name && name !== '--help' && name !== 'help' ? console.error : console.log)(
      (name && !(name in commands) && name !== '--help' && name !== 'help' ? `unknown command "${name}" / 未知命令“${name}”\n\n` : '') + lines.join('\n'),
    );
    return name && name !== '--help' && name !== 'help' ? 2 : 0;
  }
  const cmd = await commands[name]();
  await cmd.run(parseArgs(rest, cmd.booleans));
  trace('done');
  return 0;
}

// the bundled CLI's helper thread runs the bundle next to it (helper.ts, scripts/cli.mjs)
if (import.meta.url.endsWith('.mjs')) setHelperEntry(new URL('./helper.mjs', import.meta.url));
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const { zh, en } = describeError(err);
    process.stderr.write(`${zh}\n${en}\n`);
    process.exit(1);
  },
);

import { parseCli, USAGE, UsageError } from './args.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { runIncident, type Io } from './incident.js';

/** The whole CLI as a function of argv, env and output streams: main.ts only binds it to the process. */
export async function runCli(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: Io,
): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseCli(argv, env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`parallax: ${err.message}\n\n${USAGE}`);
    return EXIT.BAD_INPUT;
  }
  if (parsed.command === 'help') {
    io.out(USAGE);
    return EXIT.OK;
  }
  return runIncident(parsed, env, io);
}

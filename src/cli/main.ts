import { runCli } from './run.js';

// Exit through process.exitCode so stdout is flushed before the process ends (a pipe may be slow).
process.exitCode = await runCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});

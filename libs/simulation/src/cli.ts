/** Entry point of `npm run sim`. */
import { readFileSync } from 'node:fs';
import { runCli } from './cli.command.js';

process.exitCode = runCli(process.argv.slice(2), {
  readFile: (path) => readFileSync(path, 'utf8'),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});

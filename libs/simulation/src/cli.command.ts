/** The `npm run sim` command: load a scenario, run it, print tables, tracker, output or JSON. */
import { generateQuestions } from './question.generator.js';
import { loadScenario } from './scenario.loader.js';
import { run } from './simulation.runner.js';
import type { DetailLevel } from './simulation.types.js';
import { formatTrace } from './trace.formatter.js';
import { summarize } from './trace.summarizer.js';

/** Where the CLI reads files and writes text (injected so it can be tested without a process). */
export interface CliIO {
  readFile(path: string): string;
  out(text: string): void;
  err(text: string): void;
}

const USAGE =
  'usage: npm run sim -- <scenario.yaml> [--detail hops|summary] [--json] [--questions]';

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export function runCli(argv: string[], io: CliIO): number {
  let file: string | undefined;
  let detail: DetailLevel = 'summary';
  let json = false;
  let questions = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--questions') questions = true;
    else if (a === '--detail' || a.startsWith('--detail=')) {
      const v = a.includes('=') ? a.slice(9) : argv[++i];
      if (v !== 'hops' && v !== 'summary') {
        io.err(`--detail must be hops or summary\n${USAGE}\n`);
        return 2;
      }
      detail = v;
    } else if (a === '--help' || a === '-h') {
      io.out(`${USAGE}\n`);
      return 0;
    } else if (!a.startsWith('-') && file === undefined) file = a;
    else {
      io.err(`unknown argument ${a}\n${USAGE}\n`);
      return 2;
    }
  }
  if (!file) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    io.err(`${file}: ${(e as Error).message}\n`);
    return 2;
  }
  const loaded = loadScenario(text);
  if (!loaded.ok) {
    for (const e of loaded.errors) io.err(`${file}:${e.line}:${e.column}: ${e.message}\n`);
    return 1;
  }
  const trace = run(loaded.scenario);
  const qs = questions
    ? generateQuestions(trace, { seed: loaded.scenario.cluster.seed })
    : undefined;
  if (json) {
    const body =
      detail === 'summary'
        ? summarize(trace)
        : { scenario: trace.scenario, actions: trace.actions };
    io.out(`${JSON.stringify(qs ? { ...body, questions: qs } : body, null, 2)}\n`);
    return 0;
  }
  io.out(formatTrace(trace, detail));
  if (qs) {
    io.out('\n# Questions\n');
    qs.forEach((q, i) => {
      io.out(`\n${i + 1}. [${q.type}] ${q.prompt}\n`);
      if ('options' in q && q.options)
        q.options.forEach((o, j) => io.out(`   ${String.fromCharCode(65 + j)}) ${o}\n`));
      io.out(`   answer: ${JSON.stringify(q.answer)}\n   why: ${q.explanation}\n`);
    });
  }
  return 0;
}

// `npm run bench -- --students 5000 [--questions 5] [--spread 1000] [--seed 1] [--targets bare,podroom,podroom-redis]`
// Runs the bare socket.io baseline and each podroom target in the same invocation and prints
// podroom/bare ratios: on a shared, noisy machine only ratios measured together mean anything.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { bareTarget } from './bare.target.js';
import { runLoad, type BenchTarget, type LoadResult } from './load-generator.js';
import { podroomTarget } from './podroom.target.js';

const { values } = parseArgs({
  options: {
    students: { type: 'string', default: '500' },
    questions: { type: 'string', default: '5' },
    spread: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '200' },
    targets: { type: 'string', default: 'bare,podroom' },
    json: { type: 'boolean', default: false },
  },
});

const options = {
  students: Number(values.students),
  questions: Number(values.questions),
  spreadMs: Number(values.spread),
  joinConcurrency: Number(values.concurrency),
  seed: Number(values.seed),
};

const known: Record<string, () => BenchTarget> = {
  bare: () => bareTarget,
  podroom: () => podroomTarget(1),
  'podroom-redis': () => podroomTarget(2),
};
const targets: BenchTarget[] = values.targets.split(',').map((name) => {
  const make = known[name];
  if (!make) throw new Error(`unknown target ${name}; known: ${Object.keys(known).join(', ')}`);
  return make();
});
if (targets[0] !== bareTarget)
  throw new Error('the first target must be bare: ratios are against it');

const results: LoadResult[] = [];
for (const target of targets) {
  process.stderr.write(
    `${target.name}: ${options.students} students, ${options.questions} questions…\n`,
  );
  results.push(await runLoad(target, options));
}

if (values.json) {
  console.log(
    JSON.stringify(
      { machine: { cpus: os.cpus().length, node: process.version }, options, results },
      null,
      2,
    ),
  );
} else {
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  console.log(`machine: ${os.cpus().length} cores, ${mib(os.totalmem())}, Node ${process.version}`);
  console.log(
    '| target | join s | fan-out p50/p95/p99 ms | ack p50/p95/p99 ms | acked | stored | RSS | KiB/student | CPU s |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const f = (s: LoadResult['fanout']) =>
      `${s.p50.toFixed(0)} / ${s.p95.toFixed(0)} / ${s.p99.toFixed(0)}`;
    console.log(
      `| ${r.target} | ${(r.joinMs / 1000).toFixed(1)} | ${f(r.fanout)} | ${f(r.ack)} | ${r.answersAcked} | ${r.answersStored ?? '–'} | ${mib(r.rssBytes)} | ${(r.rssPerStudentBytes / 1024).toFixed(0)} | ${(r.cpuMs / 1000).toFixed(1)} |`,
    );
  }
  const [bare, ...others] = results;
  for (const r of others) {
    console.log(
      `${r.target}/bare: fan-out p99 ×${(r.fanout.p99 / bare!.fanout.p99).toFixed(2)}, ack p99 ×${(r.ack.p99 / bare!.ack.p99).toFixed(2)}`,
    );
  }
}
process.exit(0);

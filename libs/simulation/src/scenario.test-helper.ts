/** Helpers for the specs: load and run scenarios, build small ones inline. */
import { builtInScenario } from './built-in.scenarios.js';
import { loadScenario } from './scenario.loader.js';
import { run } from './simulation.runner.js';
import type { ActionTrace, Scenario, Trace } from './simulation.types.js';

/** Loads YAML text, failing loudly with the loader's errors. */
export function mustLoad(yaml: string): Scenario {
  const r = loadScenario(yaml);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'));
  return r.scenario;
}

/** Runs a built-in scenario by name. */
export function runBuiltIn(name: string): Trace {
  const s = builtInScenario(name);
  if (!s) throw new Error(`no built-in scenario ${name}`);
  return run(s);
}

/** The action whose command is exactly `command` (the first, or the nth occurrence). */
export function actionOf(trace: Trace, command: string, occurrence = 1): ActionTrace {
  const found = trace.actions.filter((a) => a.command === command)[occurrence - 1];
  if (!found) throw new Error(`no action "${command}" (#${occurrence}) in ${trace.scenario.name}`);
  return found;
}

/** Indents a block for embedding in a YAML block scalar. */
function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .trim()
    .split('\n')
    .map((l) => (l.trim() === '' ? '' : pad + l))
    .join('\n');
}

/** A two-node scenario with the given manifests (one file, `m.yaml`) and script. */
export function miniScenario(opts: {
  manifests: string;
  script: string[];
  seed?: number;
  extraCluster?: string;
}): Scenario {
  const yaml = [
    'name: mini',
    'cluster:',
    `  seed: ${opts.seed ?? 7}`,
    '  nodes:',
    '    - name: node-1',
    '      ip: 192.168.49.2',
    '    - name: node-2',
    '      ip: 192.168.49.3',
    ...(opts.extraCluster ? [indent(opts.extraCluster, 2)] : []),
    'manifests:',
    '  m.yaml: |',
    indent(opts.manifests, 4),
    'script:',
    ...opts.script.map((s) => `  - ${JSON.stringify(s)}`),
    '',
  ].join('\n');
  return mustLoad(yaml);
}

/** A Pod manifest. */
export function podYaml(
  name: string,
  opts: {
    ns?: string;
    labels?: Record<string, string>;
    image?: string;
    node?: string;
    ports?: { name?: string; port: number; protocol?: string }[];
  } = {},
): string {
  const labels = opts.labels ?? { app: name };
  const ports = opts.ports ?? [];
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${opts.ns ?? 'default'}`,
    '  labels:',
    ...Object.entries(labels).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`),
    'spec:',
    ...(opts.node ? [`  nodeName: ${opts.node}`] : []),
    '  containers:',
    `    - name: main`,
    `      image: ${opts.image ?? 'nginx'}`,
    ...(ports.length > 0
      ? [
          '      ports:',
          ...ports.flatMap((p) => [
            `        - containerPort: ${p.port}`,
            ...(p.name ? [`          name: ${p.name}`] : []),
            ...(p.protocol ? [`          protocol: ${p.protocol}`] : []),
          ]),
        ]
      : []),
  ].join('\n');
}

/** Joins manifests into one multi-document YAML text. */
export function docs(...manifests: string[]): string {
  return manifests.join('\n---\n');
}

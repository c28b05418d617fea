import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli.command.js';

const scenarios = join(dirname(fileURLToPath(import.meta.url)), '..', 'scenarios');

function cli(argv: string[], files: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = runCli(argv, {
    readFile: (p) => {
      if (p in files) return files[p]!;
      return readFileSync(p, 'utf8');
    },
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  return { code, out, err };
}

describe('npm run sim', () => {
  it.each(['pod-to-pod', 'service-dns', 'service-types', 'nginx-deployment'])(
    'prints %s at summary level',
    (name) => {
      const r = cli([join(scenarios, `${name}.yaml`)]);
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toContain('Step | Action');
      expect(r.out).toContain('Status tracker:');
      expect(r.out).toContain('Terminal:');
    },
  );

  it('prints seed 000’s table and tracker', () => {
    const r = cli([join(scenarios, 'pod-to-pod.yaml')]);
    expect(r.out).toContain(
      '3    | Pod B receives request         | pod-a      | pod-b           | N/A                                        | Pod B processes request',
    );
    expect(r.out).toContain(
      'Request Status  | Not sent | Sent         | Received by Pod B | Response received by Pod A | Closed',
    );
  });

  it('prints every hop with --detail hops', () => {
    const r = cli([join(scenarios, 'pod-to-pod.yaml'), '--detail', 'hops']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /CNI overlay \(VXLAN\) +\| node-1 +\| Encapsulate in VXLAN: outer 192\.168\.49\.2 → 192\.168\.49\.3/,
    );
    expect(r.out).toContain('Request Status: Not sent → after 5: Sent');
  });

  it('prints JSON with questions', () => {
    const r = cli([join(scenarios, 'nginx-deployment.yaml'), '--json', '--questions']);
    const parsed = JSON.parse(r.out) as {
      actions: { rows: unknown[] }[];
      questions: { id: string }[];
    };
    expect(parsed.actions.length).toBeGreaterThan(5);
    expect(parsed.questions.some((q) => q.id.endsWith('reply-ttl'))).toBe(true);
  });

  it('exits non-zero with the error and its line on a malformed scenario', () => {
    const bad =
      'name: bad\nmanifests:\n  x.yaml: |\n    apiVersion: v1\n    kind: Pod\n    metadata:\n      name: p\n    spec:\n      containers:\n        - name: c\n          imagee: nginx\n';
    const r = cli(['bad.yaml'], { 'bad.yaml': bad });
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(
      'bad.yaml:11:11: manifests "x.yaml", document 1 (Pod "p"): unknown field "spec.containers[0].imagee"',
    );
  });

  it('explains its usage on bad arguments', () => {
    expect(cli([]).code).toBe(2);
    expect(cli(['x.yaml', '--detail', 'all']).err).toContain('--detail must be hops or summary');
  });
});

/** Property tests over randomly generated clusters, Services, policies and commands. */
import fc from 'fast-check';
import { mustLoad } from './scenario.test-helper.js';
import { run } from './simulation.runner.js';
import type { ActionTrace, Trace } from './simulation.types.js';

interface Model {
  seed: number;
  nodes: number;
  cni: 'bridge+vxlan' | 'routed';
  pods: { app: string; node: number; image: 'nginx' | 'nicolaka/netshoot' }[];
  services: { app: string; type: 'ClusterIP' | 'NodePort' | 'LoadBalancer'; headless: boolean }[];
  commands: {
    from: number;
    target: number;
    how: 'name' | 'fqdn' | 'nodeport' | 'lb' | 'ping-name';
    node: number;
  }[];
  policies: { app: string; types: ('Ingress' | 'Egress')[]; allowFrom?: string }[];
}

const apps = ['a', 'b', 'c'];

const model: fc.Arbitrary<Model> = fc
  .record({
    seed: fc.nat({ max: 1_000_000 }),
    nodes: fc.integer({ min: 1, max: 3 }),
    cni: fc.constantFrom('bridge+vxlan' as const, 'routed' as const),
    pods: fc.array(
      fc.record({
        app: fc.constantFrom(...apps),
        node: fc.nat({ max: 2 }),
        image: fc.constantFrom('nginx' as const, 'nicolaka/netshoot' as const),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    services: fc.array(
      fc.record({
        app: fc.constantFrom(...apps),
        type: fc.constantFrom('ClusterIP' as const, 'NodePort' as const, 'LoadBalancer' as const),
        headless: fc.boolean(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    commands: fc.array(
      fc.record({
        from: fc.nat({ max: 4 }),
        target: fc.nat({ max: 2 }),
        how: fc.constantFrom(
          'name' as const,
          'fqdn' as const,
          'nodeport' as const,
          'lb' as const,
          'ping-name' as const,
        ),
        node: fc.nat({ max: 2 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    policies: fc.array(
      fc.record({
        app: fc.constantFrom(...apps),
        types: fc.subarray(['Ingress', 'Egress'] as ('Ingress' | 'Egress')[], { minLength: 1 }),
        allowFrom: fc.option(fc.constantFrom(...apps), { nil: undefined }),
      }),
      { maxLength: 2 },
    ),
  })
  .map((m) => ({ ...m, pods: m.pods.map((p) => ({ ...p, node: p.node % m.nodes })) }));

function yaml(m: Model, extraPolicy?: string): string {
  const out: string[] = [
    `name: prop`,
    `cluster:`,
    `  seed: ${m.seed}`,
    `  cni: ${m.cni}`,
    `  nodes:`,
  ];
  for (let i = 0; i < m.nodes; i++) out.push(`    - name: n${i}`);
  const docs: string[] = [];
  m.pods.forEach((p, i) =>
    docs.push(
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  labels:\n    app: ${p.app}\nspec:\n  nodeName: n${p.node}\n  containers:\n    - name: c\n      image: ${p.image}${p.image === 'nginx' ? '' : '\n      ports:\n        - containerPort: 80'}`,
    ),
  );
  m.services.forEach((s, i) => {
    const type = s.headless ? 'ClusterIP' : s.type;
    docs.push(
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n  type: ${type}\n${s.headless ? '  clusterIP: None\n' : ''}  selector:\n    app: ${s.app}\n  ports:\n    - port: 80${type !== 'ClusterIP' ? `\n      nodePort: ${30000 + i}` : ''}`,
    );
  });
  m.policies.forEach((p, i) =>
    docs.push(
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np${i}\nspec:\n  podSelector:\n    matchLabels:\n      app: ${p.app}\n  policyTypes: [${p.types.join(', ')}]${
        p.allowFrom
          ? `\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app: ${p.allowFrom}\n  egress:\n    - {}`
          : ''
      }`,
    ),
  );
  out.push(
    'manifests:',
    '  m.yaml: |',
    ...docs
      .join('\n---\n')
      .split('\n')
      .map((l) => `    ${l}`),
  );
  if (extraPolicy) out.push('  extra.yaml: |', ...extraPolicy.split('\n').map((l) => `    ${l}`));
  out.push('script:', '  - kubectl apply -f m.yaml');
  if (extraPolicy) out.push('  - kubectl apply -f extra.yaml');
  const lbServices = m.services
    .map((s, i) => ({ ...s, i }))
    .filter((s) => s.type === 'LoadBalancer' && !s.headless);
  for (const c of m.commands) {
    const from = `p${c.from % m.pods.length}`;
    const svc = c.target % m.services.length;
    const nodeIP = `192.168.49.${2 + (c.node % m.nodes)}`;
    const isNodePort = m.services[svc]!.type !== 'ClusterIP' && !m.services[svc]!.headless;
    let cmd: string;
    switch (c.how) {
      case 'name':
        cmd = `curl --max-time 1 http://s${svc}`;
        break;
      case 'fqdn':
        cmd = `curl --max-time 1 http://s${svc}.default.svc.cluster.local`;
        break;
      case 'nodeport':
        cmd = isNodePort
          ? `curl --max-time 1 http://${nodeIP}:${30000 + svc}`
          : `curl --max-time 1 http://s${svc}`;
        break;
      case 'lb': {
        const k = lbServices.findIndex((s) => s.i === svc);
        cmd =
          k >= 0
            ? `curl --max-time 1 http://172.18.255.${200 + k}`
            : `wget -qO- -T 1 http://s${svc}`;
        break;
      }
      case 'ping-name':
        cmd = `ping -c 1 s${svc}`;
        break;
    }
    out.push(`  - ${JSON.stringify(`kubectl exec ${from} -- ${cmd}`)}`);
  }
  return `${out.join('\n')}\n`;
}

const execs = (t: Trace): ActionTrace[] => t.actions.filter((a) => a.kind === 'exec');

describe('properties', () => {
  it('the same scenario and seed give the same trace', () => {
    fc.assert(
      fc.property(model, (m) => {
        const text = yaml(m);
        expect(JSON.stringify(run(mustLoad(text)).actions)).toBe(
          JSON.stringify(run(mustLoad(text)).actions),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('every delivered request’s reply reverses the NAT: it comes from the address called, to the caller', () => {
    let checked = 0;
    fc.assert(
      fc.property(model, (m) => {
        for (const a of execs(run(mustLoad(yaml(m))))) {
          for (const reply of a.steps.filter((s) => s.stage === 'response-receive')) {
            const request = a.steps.find(
              (s) =>
                s.stage === 'initiate' &&
                s.round === reply.round &&
                s.component === 'pod' &&
                s.packet !== undefined &&
                !s.packet.payload.startsWith('DNS'),
            )!;
            expect(reply.packet!.src).toEqual(request.packet!.dst);
            expect(reply.packet!.dst).toEqual(request.packet!.src);
            checked++;
          }
          // DNS answers come back from the kube-dns Service address too.
          const dnsAnswers = a.steps.filter(
            (s) => s.component === 'conntrack' && s.packet?.protocol === 'UDP',
          );
          for (const d of dnsAnswers) expect(d.packet!.src).toEqual({ ip: '10.96.0.10', port: 53 });
        }
      }),
      { numRuns: 80 },
    );
    expect(checked).toBeGreaterThan(20);
  });

  it('a NetworkPolicy that selects no pod changes nothing', () => {
    const policy = fc.record({
      types: fc.subarray(['Ingress', 'Egress'], { minLength: 1 }),
      rules: fc.constantFrom(
        '',
        '\n  ingress: []',
        '\n  egress: []',
        '\n  ingress:\n    - from:\n        - podSelector: {}',
      ),
    });
    fc.assert(
      fc.property(model, policy, (m, p) => {
        const extra = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: selects-nothing\nspec:\n  podSelector:\n    matchLabels:\n      app: nobody\n  policyTypes: [${p.types.join(', ')}]${p.rules}`;
        const without = execs(run(mustLoad(yaml(m))));
        const withPolicy = execs(run(mustLoad(yaml(m, extra))));
        const view = (as: ActionTrace[]) =>
          as.map((a) => ({
            steps: a.steps,
            output: a.output,
            exit: a.exitCode,
            tracker: a.tracker,
          }));
        expect(view(withPolicy)).toEqual(view(without));
      }),
      { numRuns: 60 },
    );
  });

  it('every step’s location is an element of the topology', () => {
    fc.assert(
      fc.property(model, (m) => {
        for (const a of execs(run(mustLoad(yaml(m))))) {
          const t = a.topology;
          const ids = new Set<string>([
            t.underlay.id,
            ...t.nodes.flatMap((n) => [n.id, n.bridge.id, ...(n.overlay ? [n.overlay.id] : [])]),
            ...t.pods.flatMap((p) => [p.id, p.veth]),
          ]);
          for (const s of a.steps) expect(ids.has(s.at)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});

import { loadScenario } from './scenario.loader.js';

/** 1-based line of the first line containing `marker`. */
function lineOf(text: string, marker: string, nth = 1): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.includes(marker) && ++seen === nth) return i + 1;
  }
  throw new Error(`marker ${marker} not found`);
}

function errorsOf(text: string) {
  const r = loadScenario(text);
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.errors;
}

const good = `name: ok
cluster:
  nodes:
    - name: a
    - name: b
manifests:
  pods.yaml: |
    apiVersion: v1
    kind: Pod
    metadata:
      name: web
    spec:
      containers:
        - name: web
          image: nginx
script:
  - kubectl apply -f pods.yaml
`;

describe('loadScenario', () => {
  it('fills in the cluster defaults', () => {
    const r = loadScenario(good);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const c = r.scenario.cluster;
    expect(c).toMatchObject({
      domain: 'cluster.local',
      serviceCIDR: '10.96.0.0/12',
      dnsIP: '10.96.0.10',
      cni: 'bridge+vxlan',
      podRecords: 'insecure',
      dnsNode: 'a',
      seed: 1,
    });
    expect(c.nodes).toEqual([
      { name: 'a', ip: '192.168.49.2', podCIDR: '10.244.0.0/24' },
      { name: 'b', ip: '192.168.49.3', podCIDR: '10.244.1.0/24' },
    ]);
    expect(r.scenario.manifests['pods.yaml']).toMatchObject([
      { kind: 'Pod', name: 'web', namespace: 'default', line: 8 },
    ]);
    expect(r.scenario.script).toEqual([{ command: 'kubectl apply -f pods.yaml', line: 17 }]);
  });

  it('reports YAML syntax errors with their line', () => {
    const text = 'name: x\nscript:\n  - a\n - b\n';
    const [e] = errorsOf(text);
    expect(e!.line).toBe(4);
  });

  it('names an unknown top-level field and its line', () => {
    const text = good.replace('script:', 'scripts:');
    const errors = errorsOf(text);
    expect(errors).toContainEqual(
      expect.objectContaining({
        line: lineOf(text, 'scripts:'),
        message: expect.stringContaining('unknown field "scripts"'),
      }),
    );
  });

  it('points into the embedded manifest: unknown container field, with document and line', () => {
    const text = good.replace('image: nginx', 'imag: nginx');
    const errors = errorsOf(text);
    const e = errors.find((x) => x.message.includes('unknown field'))!;
    expect(e.message).toBe(
      'manifests "pods.yaml", document 1 (Pod "web"): unknown field "spec.containers[0].imag"',
    );
    expect(e.line).toBe(lineOf(text, 'imag: nginx'));
    expect(e.column).toBe(11);
    expect(errors.some((x) => x.message.includes('"spec.containers[0].image" is required'))).toBe(
      true,
    );
  });

  it('rejects an unknown kind, naming the document', () => {
    const text = good.replace(
      '      containers:\n        - name: web\n          image: nginx\n',
      '      containers:\n        - name: web\n          image: nginx\n    ---\n    apiVersion: networking.k8s.io/v1\n    kind: Ingress\n    metadata:\n      name: web\n',
    );
    const e = errorsOf(text).find((x) => x.message.includes('Ingress'))!;
    expect(e.message).toMatch(/^manifests "pods.yaml", document 2: unknown kind "Ingress"/);
    expect(e.line).toBe(lineOf(text, 'kind: Ingress'));
  });

  it('rejects a misspelt NetworkPolicy field that would change its meaning', () => {
    const text = `name: np
manifests:
  p.yaml: |
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: deny
    spec:
      podSelector: {}
      ingress:
        - from:
            - podselector:
                matchLabels:
                  app: x
`;
    const errors = errorsOf(text);
    expect(errors).toContainEqual(
      expect.objectContaining({
        line: lineOf(text, 'podselector'),
        message:
          'manifests "p.yaml", document 1 (NetworkPolicy "deny"): unknown field "spec.ingress[0].from[0].podselector"',
      }),
    );
  });

  it.each([
    [
      'ipBlock except outside its cidr',
      '- ipBlock:\n                cidr: 10.0.0.0/8\n                except: [192.168.0.0/16]',
      'except "192.168.0.0/16" must be strictly within cidr "10.0.0.0/8"',
      'except:',
    ],
    [
      'ipBlock combined with podSelector',
      '- ipBlock:\n                cidr: 10.0.0.0/8\n              podSelector: {}',
      'ipBlock cannot be combined',
      '- ipBlock:',
    ],
    [
      'endPort with a named port',
      '- podSelector: {}\n          ports:\n            - port: http\n              endPort: 90',
      'endPort needs a numeric port',
      'endPort',
    ],
  ])('validates policy details: %s', (_name, fromItem, message, marker) => {
    const text = `name: np
manifests:
  p.yaml: |
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: p
    spec:
      podSelector: {}
      ingress:
        - from:
            ${fromItem}
`;
    const e = errorsOf(text).find((x) => x.message.includes(message));
    expect(e).toBeDefined();
    expect(e!.line).toBe(lineOf(text, marker));
  });

  it('reports a YAML error inside a manifest at its line in the scenario file', () => {
    const text = good.replace('      name: web\n', '      name: web\n     bad: indent\n');
    const [e] = errorsOf(text);
    expect(e!.message).toMatch(/^manifests "pods.yaml": /);
    expect(e!.line).toBe(lineOf(text, 'bad: indent'));
  });

  it('rejects a Deployment whose selector does not match its template', () => {
    const text = `name: d
manifests:
  d.yaml: |
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      selector:
        matchLabels:
          app: web
      template:
        metadata:
          labels:
            app: other
        spec:
          containers:
            - name: web
              image: nginx
`;
    const e = errorsOf(text)[0]!;
    expect(e.message).toContain('selector does not match template labels');
    expect(e.line).toBe(lineOf(text, 'selector:'));
  });

  it.each([
    ['kubectl apply -f nope.yaml', 'no manifest named "nope.yaml"'],
    ['kubectl exec web -- telnet x', '"telnet" cannot be run in the simulation'],
    ['kubectl exec web curl x', 'usage: kubectl exec POD [-n NS] -- COMMAND'],
    ['kubectl port-forward web 80', 'kubectl port-forward is not modelled'],
    ['fault cni-down nowhere', 'no node named "nowhere"'],
    ['fault drop-at zero', 'usage: fault drop-at STEP'],
    ['helm install x', 'a script line starts with "kubectl" or "fault"'],
    ["kubectl exec web -- curl 'http://x", 'unterminated quote'],
  ])('rejects the script line %s at its line', (command, message) => {
    const text = `${good}  - ${JSON.stringify(command)}\n`;
    const e = errorsOf(text)[0]!;
    expect(e.message).toContain(message);
    expect(e.message).toContain(`script line 2 "${command}"`);
    expect(e.line).toBe(text.split('\n').length - 1);
  });

  it('checks pins against the nodes’ pod ranges', () => {
    const text = good
      .replace('manifests:', 'pins:\n    - pod: web\n      ip: 10.99.0.5\nmanifests:')
      .replace('    - name: b\npins', '    - name: b\n  pins');
    const e = errorsOf(text).find((x) => x.message.includes('10.99.0.5'))!;
    expect(e.message).toBe("10.99.0.5 is in no node's pod range");
    expect(e.line).toBe(lineOf(text, 'ip: 10.99.0.5'));
  });

  it('rejects overlapping pod ranges and a bad CNI mode', () => {
    const text = good
      .replace('    - name: b', '    - name: b\n      podCIDR: 10.244.0.0/16')
      .replace('cluster:', 'cluster:\n  cni: calico');
    const messages = errorsOf(text).map((e) => e.message);
    expect(messages).toContain('"10.244.0.0/16" overlaps another node\'s pod range');
    expect(messages).toContain('"cluster.cni" must be bridge+vxlan or routed');
  });
});

import { generateQuestions } from './question.generator.js';
import { actionOf, runBuiltIn } from './scenario.test-helper.js';
import { summarizeAction, trackerTable } from './trace.summarizer.js';
import type { SingleChoiceQuestion } from './question.types.js';

const trace = runBuiltIn('pod-to-pod');
const curl = actionOf(trace, 'kubectl exec pod-a -- curl http://pod-b:80');
const dropped = actionOf(trace, 'kubectl exec pod-a -- curl --max-time 5 http://pod-b:80');

describe('seed 000: pod-to-pod, summary level', () => {
  it('reproduces the seed table exactly (7 rows)', () => {
    const rows = summarizeAction(curl).rows.map((r) => [
      String(r.step),
      r.action,
      r.sourcePod,
      r.destinationPod,
      r.networkPluginRole,
      r.result,
    ]);
    expect(rows).toEqual([
      [
        '1',
        'Pod A initiates HTTP request',
        'pod-a',
        'pod-b',
        'Routes request to pod-b IP',
        'Request sent',
      ],
      [
        '2',
        'Network plugin routes packet',
        'pod-a',
        'pod-b',
        'Forwards packet to pod-b network namespace',
        'Packet delivered',
      ],
      ['3', 'Pod B receives request', 'pod-a', 'pod-b', 'N/A', 'Pod B processes request'],
      [
        '4',
        'Pod B sends HTTP response',
        'pod-b',
        'pod-a',
        'Routes response back to pod-a',
        'Response sent',
      ],
      [
        '5',
        'Network plugin routes response',
        'pod-b',
        'pod-a',
        'Forwards packet to pod-a network namespace',
        'Response delivered',
      ],
      ['6', 'Pod A receives response', 'pod-b', 'pod-a', 'N/A', 'Pod A receives data'],
      ['7', 'Connection closed', 'pod-a', 'pod-b', 'N/A', 'Communication ends'],
    ]);
  });

  it('reproduces the seed status tracker (Start, After Step 1, 3, 6, Final)', () => {
    const t = trackerTable(summarizeAction(curl).tracker);
    expect(t.headers).toEqual([
      'Variable',
      'Start',
      'After Step 1',
      'After Step 3',
      'After Step 6',
      'Final',
    ]);
    expect(t.rows).toEqual([
      [
        'Request Status',
        'Not sent',
        'Sent',
        'Received by Pod B',
        'Response received by Pod A',
        'Closed',
      ],
      ['Response Status', 'Not sent', 'N/A', 'Not sent', 'Sent by Pod B', 'Received'],
    ]);
  });

  it('prints the nginx page pod B serves', () => {
    expect(curl.exitCode).toBe(0);
    expect(curl.output[0]).toBe('<!DOCTYPE html>');
    expect(curl.output).toContain('<title>Welcome to nginx!</title>');
  });

  it('with the plugin failing at step 2, the request is lost and pod B never receives it', () => {
    const s = summarizeAction(dropped);
    expect(s.rows.map((r) => r.action)).toEqual([
      'Pod A initiates HTTP request',
      'Network plugin routes packet',
      'Pod A waits for a response',
    ]);
    expect(s.rows[1]!.result).toMatch(/^Dropped: the network plugin fails here/);
    expect(s.rows[2]!.result).toBe('Request lost: Pod B never receives it');
    expect(dropped.steps.some((x) => x.stage === 'request-receive')).toBe(false);
    expect(trackerTable(s.tracker).rows).toEqual([
      ['Request Status', 'Not sent', 'Sent', 'Lost'],
      ['Response Status', 'Not sent', 'N/A', 'N/A'],
    ]);
    expect(dropped.output).toEqual([
      'curl: (28) Failed to connect to pod-b port 80 after 5002 ms: Timeout was reached',
    ]);
    expect(dropped.exitCode).toBe(28);
  });
});

describe('seed 000: pod-to-pod, hops level', () => {
  const components = curl.steps.map((s) => s.component);

  it('shows the DNS lookup and kube-proxy folded into summary step 1', () => {
    const row1 = summarizeAction(curl).rows[0]!;
    const hops = row1.hops.map((i) => curl.steps[i - 1]!);
    expect(hops.map((h) => h.component)).toEqual([
      'pod',
      'kube-proxy (iptables DNAT)',
      'CoreDNS',
      'conntrack',
      'pod',
      'veth',
      'kube-proxy (iptables DNAT)',
    ]);
    expect(hops[0]!.packet).toMatchObject({ protocol: 'UDP', dst: { ip: '10.96.0.10', port: 53 } });
    expect(hops[2]!.result).toMatch(/^answered: pod-b\.default\.svc\.cluster\.local\. A 10\.96\./);
  });

  it('crosses nodes through the VXLAN overlay with the node IPs outside', () => {
    const encap = curl.steps.find((s) => s.component === 'CNI overlay (VXLAN)')!;
    expect(encap.packet?.outer).toEqual({
      protocol: 'UDP',
      src: { ip: '192.168.49.2', port: 8472 },
      dst: { ip: '192.168.49.3', port: 8472 },
      vni: 1,
    });
    expect(encap.packet?.dst.ip).toBe(pod('pod-b').ip);
    expect(components.filter((c) => c === 'CNI overlay (VXLAN)')).toHaveLength(4);
  });

  it('decrements the TTL once per routing node (62 on arrival across nodes)', () => {
    const delivered = curl.steps.find(
      (s) => s.stage === 'request-route' && s.outcome === 'delivered',
    )!;
    expect(delivered.packet?.ttl).toBe(62);
    expect(delivered.at).toBe('veth/default/pod-b');
  });

  it('the reply reaches pod A from the Service address it called', () => {
    const received = curl.steps.find((s) => s.stage === 'response-receive')!;
    const sent = curl.steps.find((s) => s.stage === 'initiate' && s.packet?.protocol === 'TCP')!;
    expect(received.packet?.src).toEqual(sent.packet?.dst);
    expect(received.packet?.dst).toEqual(sent.packet?.src);
  });

  it('tracks the resolved address and the DNAT destination', () => {
    const vars = Object.fromEntries(
      curl.tracker.variables.map((v) => [v.name, v.afterStep[v.afterStep.length - 1]]),
    );
    const svc = curl.topology.services.find((s) => s.name === 'pod-b')!;
    expect(vars['Resolved address']).toBe(svc.clusterIP);
    expect(vars['Destination after DNAT']).toBe(`${pod('pod-b').ip}:80`);
    expect(vars['Request Status']).toBe('Closed');
  });

  function pod(name: string) {
    return curl.topology.pods.find((p) => p.name === name)!;
  }
});

describe('seed 000: the quiz', () => {
  const questions = generateQuestions(trace);
  const forCurl = questions.filter((q) => q.id.startsWith(`a${curl.index}-`));
  const answerOf = (id: string): string => {
    const q = forCurl.find((x) => x.id === `a${curl.index}-${id}`) as
      SingleChoiceQuestion | undefined;
    if (!q) throw new Error(`no question ${id}`);
    return q.options[q.answer]!;
  };

  it('at which step does pod B process the request: step 3', () => {
    expect(answerOf('receive-step')).toBe('Step 3');
  });

  it("Request Status after step 3: 'Received by Pod B'", () => {
    expect(answerOf('tracker-request-status')).toBe('Received by Pod B');
    const q = forCurl.find((x) => x.id.endsWith('tracker-request-status')) as SingleChoiceQuestion;
    expect(q.prompt).toBe(
      "According to the status tracker, what is the 'Request Status' after step 3?",
    );
  });

  it('if the network plugin fails at step 2: the request is lost', () => {
    expect(answerOf('what-if-plugin-fails')).toBe('Request is lost and Pod B never receives it');
    const q = forCurl.find((x) => x.id.endsWith('what-if-plugin-fails')) as SingleChoiceQuestion;
    expect(q.options).toHaveLength(4);
    expect(q.options).toEqual(
      expect.arrayContaining([
        'Pod A receives an immediate response',
        'Request is delivered to Pod B',
        'Pod B sends a response anyway',
      ]),
    );
  });

  it('the DNAT question answers with pod B’s IP and port', () => {
    const pb = curl.topology.pods.find((p) => p.name === 'pod-b')!;
    expect(answerOf('dnat-destination')).toBe(`${pb.ip}:80`);
  });
});

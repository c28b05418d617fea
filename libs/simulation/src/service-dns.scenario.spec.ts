import { generateQuestions } from './question.generator.js';
import type { SingleChoiceQuestion } from './question.types.js';
import { actionOf, runBuiltIn } from './scenario.test-helper.js';
import { summarizeAction, trackerTable } from './trace.summarizer.js';

const trace = runBuiltIn('service-dns');
const wgetService = 'kubectl exec pod-a -- wget -qO- http://my-service';
const wgetOldIP = 'kubectl exec pod-a -- wget -qO- --timeout=2 http://10.244.1.5';
const wgetWithTimeout = 'kubectl exec pod-a -- wget -qO- --timeout=2 http://my-service';

describe('seed 002: a Service and cluster DNS', () => {
  const first = actionOf(trace, wgetService);

  it('resolves my-service through DNS to the ClusterIP and DNATs it to pod B', () => {
    const svc = first.topology.services.find((s) => s.name === 'my-service')!;
    const podB = first.topology.pods.find((p) => p.name === 'pod-b')!;
    expect(podB.ip).toBe('10.244.1.5');
    const dns = first.steps.find((s) => s.component === 'CoreDNS')!;
    expect(dns.result).toBe(`answered: my-service.default.svc.cluster.local. A ${svc.clusterIP}`);
    const dnat = first.steps.filter((s) => s.component === 'kube-proxy (iptables DNAT)').at(-1)!;
    expect(dnat.action).toBe(`DNAT ${svc.clusterIP}:80 → 10.244.1.5:80 (pod-b)`);
    expect(first.output[0]).toBe('<!DOCTYPE html>');
    expect(first.output).toContain('<h1>Welcome to nginx!</h1>');
  });

  it('summarises to the seven steps of seed 000 with Pod A / Pod B', () => {
    const s = summarizeAction(first);
    expect(s.rows.map((r) => r.action)).toEqual([
      'Pod A initiates HTTP request',
      'Network plugin routes packet',
      'Pod B receives request',
      'Pod B sends HTTP response',
      'Network plugin routes response',
      'Pod A receives response',
      'Connection closed',
    ]);
    expect(trackerTable(s.tracker).rows[0]).toEqual([
      'Request Status',
      'Not sent',
      'Sent',
      'Received by Pod B',
      'Response received by Pod A',
      'Closed',
    ]);
  });

  it('nslookup prints the server and the answer as bind’s nslookup does', () => {
    const ns = actionOf(trace, 'kubectl exec pod-a -- nslookup my-service');
    const svc = ns.topology.services.find((s) => s.name === 'my-service')!;
    expect(ns.output).toEqual([
      'Server:\t\t10.96.0.10',
      'Address:\t10.96.0.10#53',
      '',
      'Name:\tmy-service.default.svc.cluster.local',
      `Address: ${svc.clusterIP}`,
      '',
    ]);
    expect(summarizeAction(ns).rows[0]!.action).toBe('Pod A initiates DNS query');
    expect(
      ns.steps.some((s) => s.component === 'conntrack' && s.stage.startsWith('response')),
    ).toBe(true);
  });

  it('the old pod IP works before the restart and times out after it', () => {
    const before = actionOf(trace, wgetOldIP, 1);
    const after = actionOf(trace, wgetOldIP, 2);
    expect(before.exitCode).toBe(0);
    expect(before.steps.some((s) => s.component.startsWith('kube-proxy'))).toBe(false);
    expect(after.topology.pods.find((p) => p.name === 'pod-b')!.ip).toBe('10.244.1.6');
    expect(after.output).toEqual(['wget: download timed out']);
    expect(after.exitCode).toBe(1);
    const drop = after.steps.find((s) => s.outcome === 'dropped')!;
    expect(drop.component).toBe('bridge cni0');
    expect(drop.result).toBe('dropped: no pod has IP 10.244.1.5 on node-2 (ARP gets no answer)');
    expect(summarizeAction(after).rows.map((r) => r.result)).toEqual([
      'Request sent',
      'Dropped: no pod has IP 10.244.1.5 on node-2 (ARP gets no answer)',
      'Request lost: 10.244.1.5 never receives it',
    ]);
  });

  it('the Service follows the re-created pod', () => {
    const again = actionOf(trace, wgetService, 2);
    expect(again.exitCode).toBe(0);
    const dnat = again.steps.filter((s) => s.component === 'kube-proxy (iptables DNAT)').at(-1)!;
    expect(dnat.packet?.dst).toEqual({ ip: '10.244.1.6', port: 80 });
  });

  it('a NetworkPolicy drops the request at pod B’s ingress until pod A has the allowed label', () => {
    const blocked = actionOf(trace, wgetWithTimeout, 1);
    expect(blocked.output).toEqual(['wget: download timed out']);
    const drop = blocked.steps.find((s) => s.outcome === 'dropped')!;
    expect(drop.component).toBe('NetworkPolicy');
    expect(drop.node).toBe('node-2');
    expect(drop.result).toMatch(
      /^dropped: pod-b is selected by my-app-from-frontend for ingress and no rule allows TCP 10\.244\.0\.4 → 10\.244\.1\.6:80$/,
    );
    const allowed = actionOf(trace, wgetWithTimeout, 2);
    expect(allowed.exitCode).toBe(0);
    const check = allowed.steps.find((s) => s.component === 'NetworkPolicy')!;
    expect(check.result).toMatch(/^allowed: .*my-app-from-frontend \(ingress rule 1\)/);
  });

  it('asks where the blocked packet stops, answering NetworkPolicy on node-2', () => {
    const blocked = actionOf(trace, wgetWithTimeout, 1);
    const q = generateQuestions(trace).find(
      (x) => x.id === `a${blocked.index}-where-dropped`,
    ) as SingleChoiceQuestion;
    expect(q.options[q.answer]).toBe('NetworkPolicy on node-2');
  });
});

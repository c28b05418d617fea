/**
 * Generates quiz questions from a trace. Every answer is computed from the trace (or, for what-if
 * questions, from re-running the scenario with a fault injected), and the distractors come from
 * the same trace and topology.
 */
import { REQUEST_STATUS } from './command.runner.js';
import { createRandom, shuffled, type Random } from './prng.util.js';
import type { Question, QuestionOptions, SingleChoiceQuestion } from './question.types.js';
import { run } from './simulation.runner.js';
import type { ActionTrace, Trace } from './simulation.types.js';
import { summarizeAction } from './trace.summarizer.js';

type Base = Omit<SingleChoiceQuestion, 'type' | 'options' | 'answer'>;

/** A single-choice question; the right option's place comes from the seeded shuffle. */
function single(
  random: Random,
  base: Base,
  correct: string,
  distractors: string[],
  max = 4,
): SingleChoiceQuestion | undefined {
  const unique = [...new Set(distractors.filter((d) => d !== correct && d !== ''))];
  const picked = shuffled(unique, random).slice(0, max - 1);
  if (picked.length === 0) return undefined;
  const options = shuffled([correct, ...picked], random);
  return { ...base, type: 'single', options, answer: options.indexOf(correct) };
}

/**
 * Generates questions for the exec actions of `trace`: at which step something happens, tracker
 * values, what-if failures, the address after DNAT, which pod answers, where a packet was dropped,
 * what comes next, step ordering, reply source (true/false), reply TTL (numeric), where the
 * packet is (hotspot) and which components rewrite addresses (multi).
 */
export function generateQuestions(trace: Trace, options: QuestionOptions = {}): Question[] {
  const random = createRandom(options.seed ?? trace.scenario.seed);
  const out: Question[] = [];
  for (const action of trace.actions) {
    if (action.kind !== 'exec' || action.steps.length === 0) continue;
    if (options.actions && !options.actions.includes(action.index)) continue;
    let qs = forAction(trace, action, random);
    if (options.types) qs = qs.filter((q) => options.types!.includes(q.type));
    if (options.perAction !== undefined) qs = qs.slice(0, options.perAction);
    out.push(...qs);
  }
  return out;
}

function forAction(trace: Trace, action: ActionTrace, random: Random): Question[] {
  const s = summarizeAction(action);
  const qs: (Question | undefined)[] = [];
  const id = (name: string): string => `a${action.index}-${name}`;
  const at = (step: number, level: 'summary' | 'hops') => ({
    stepRef: { action: action.index, step, level },
  });
  const flow = action.flow;
  const A = flow?.client.displayName ?? 'the client';
  const B = flow?.server.displayName ?? 'the server';
  const tool = action.command.replace(/^kubectl exec .*?-- /, '');

  // At which step does the server process the request? (seed 000, question 1)
  const receive = s.rows.find((r) => r.stage === 'request-receive');
  if (receive) {
    qs.push(
      single(
        random,
        {
          id: id('receive-step'),
          prompt: `Look at the execution table: at which step does ${B} process the request?`,
          explanation: `Step ${receive.step}, "${receive.action}": its result is "${receive.result}".`,
          concept: 'request path',
          ...at(receive.step, 'summary'),
        },
        `Step ${receive.step}`,
        s.rows.map((r) => `Step ${r.step}`),
      ),
    );
  }

  // A tracker value after a step (seed 000, question 2).
  const req = s.tracker.variables.find((v) => v.name === REQUEST_STATUS);
  if (req && receive) {
    const value = req.afterStep[receive.step - 1]!;
    qs.push(
      single(
        random,
        {
          id: id('tracker-request-status'),
          prompt: `According to the status tracker, what is the 'Request Status' after step ${receive.step}?`,
          explanation: `After step ${receive.step} ("${receive.action}") the Request Status is "${value}".`,
          concept: 'status tracker',
          ...at(receive.step, 'summary'),
        },
        value,
        [req.start, ...req.afterStep],
      ),
    );
  }

  // What if the network plugin fails while routing the request? (seed 000, question 3)
  const route = s.rows.find((r) => r.stage === 'request-route');
  if (route && action.exitCode === 0) qs.push(whatIfDrop(trace, action, route.step, random, A, B));

  // The destination after kube-proxy's DNAT.
  const dnat = action.steps.find(
    (x) =>
      x.component === 'kube-proxy (iptables DNAT)' &&
      x.outcome === 'translated' &&
      x.packet?.protocol !== 'UDP',
  );
  if (dnat?.packet) {
    const before = action.steps[dnat.index - 2]?.packet?.dst;
    const port = dnat.packet.dst.port;
    const after = `${dnat.packet.dst.ip}:${port}`;
    const t = action.topology;
    qs.push(
      single(
        random,
        {
          id: id('dnat-destination'),
          prompt: `kube-proxy rewrites the request's destination. What is the destination IP:port after DNAT?`,
          explanation: `kube-proxy picked endpoint ${dnat.destination.name}, so ${before ? `${before.ip}:${before.port}` : 'the Service address'} became ${after}.`,
          concept: 'kube-proxy DNAT',
          ...at(dnat.index, 'hops'),
        },
        after,
        [
          before ? `${before.ip}:${before.port}` : '',
          `${dnat.packet.src.ip}:${port}`,
          ...t.pods
            .filter((p) => p.ip !== dnat.packet!.dst.ip && p.namespace !== 'kube-system')
            .map((p) => `${p.ip}:${port}`),
          ...t.nodes.map((n) => `${n.ip}:${port}`),
        ],
      ),
    );
  }

  // Which pod answers?
  const answered = action.steps.find(
    (x) => x.stage === 'request-receive' && x.outcome !== 'refused',
  );
  if (answered && flow) {
    const others = action.topology.pods
      .filter((p) => p.name !== flow.server.name && p.name !== flow.client.name)
      .map((p) => p.name);
    qs.push(
      single(
        random,
        {
          id: id('which-pod-answers'),
          prompt: `Which pod answers \`${tool}\`?`,
          explanation: `The request is delivered to ${flow.server.name} (${answered.destination.ip}), which answers it.`,
          concept: 'service discovery',
          ...at(answered.index, 'hops'),
        },
        flow.server.name,
        [flow.client.name, ...others],
      ),
    );
  }

  // Where was the packet dropped?
  const drop = action.steps.find((x) => x.outcome === 'dropped' || x.outcome === 'refused');
  if (drop) {
    const label = (c: string, n: string): string => `${c} on ${n}`;
    qs.push(
      single(
        random,
        {
          id: id('where-dropped'),
          prompt: `\`${tool}\` fails. Where does the packet stop?`,
          explanation: `Hop ${drop.index}: ${drop.component} on ${drop.node} — ${drop.result}.`,
          concept: drop.component === 'NetworkPolicy' ? 'NetworkPolicy' : 'troubleshooting',
          ...at(drop.index, 'hops'),
        },
        label(drop.component, drop.node),
        [
          ...action.steps
            .filter((x) => x.component !== drop.component)
            .map((x) => label(x.component, x.node)),
          ...action.topology.nodes.map((n) => label('NetworkPolicy', n.name)),
          ...action.topology.nodes.map((n) => label('kube-proxy (iptables DNAT)', n.name)),
        ],
      ),
    );
  }

  // What comes next?
  if (s.rows.length >= 4) {
    const current = s.rows[1]!;
    const next = s.rows[2]!;
    qs.push(
      single(
        random,
        {
          id: id('what-next'),
          prompt: `After step ${current.step} ("${current.action}"), what happens next?`,
          explanation: `Step ${next.step} is "${next.action}" (${next.result}).`,
          concept: 'request path',
          ...at(current.step, 'summary'),
        },
        next.action,
        s.rows.filter((r) => r.step !== next.step && r.step !== current.step).map((r) => r.action),
      ),
    );
  }

  // Put the summary rows in order.
  const labels = s.rows.slice(0, 5).map((r) => r.action);
  if (labels.length >= 4 && new Set(labels).size === labels.length) {
    const opts = shuffled(labels, random);
    qs.push({
      id: id('order-steps'),
      type: 'ordering',
      prompt: 'Put these steps in the order they happen.',
      options: opts,
      answer: labels.map((l) => opts.indexOf(l)),
      explanation: labels.map((l, i) => `${i + 1}. ${l}`).join('; '),
      concept: 'request path',
      ...at(1, 'summary'),
    });
  }

  // True/false: the reply comes from the address the client called (conntrack reverses the DNAT).
  const reverse = action.steps.find(
    (x) => x.component === 'conntrack' && x.stage.startsWith('response'),
  );
  const request = action.steps.find(
    (x) =>
      x.stage === 'initiate' &&
      x.component === 'pod' &&
      x.packet !== undefined &&
      !x.packet.payload.startsWith('DNS'),
  );
  if (reverse && request?.packet && dnat?.packet) {
    const truth = random() < 0.5;
    const shown = truth ? request.packet.dst.ip : dnat.packet.dst.ip;
    qs.push({
      id: id('reply-source'),
      type: 'true-false',
      prompt: `The reply ${A} receives has source IP ${shown}.`,
      answer: truth,
      explanation: `conntrack reverses kube-proxy's DNAT on the way back (hop ${reverse.index}), so the reply comes from ${request.packet.dst.ip}, the address ${A} called, not from ${dnat.packet.dst.ip}.`,
      concept: 'conntrack reverse NAT',
      ...at(reverse.index, 'hops'),
    });
  }

  // Numeric: the TTL an echo reply arrives with.
  const echo = action.steps.find(
    (x) => x.stage === 'response-receive' && x.packet?.protocol === 'ICMP',
  );
  if (echo?.packet) {
    qs.push({
      id: id('reply-ttl'),
      type: 'numeric',
      prompt: `${B} sends its echo reply with TTL 64. With what TTL does it reach ${A}?`,
      answer: echo.packet.ttl,
      tolerance: 0,
      explanation: `Every node that routes the packet lowers the TTL by one; a bridge does not. ${64 - echo.packet.ttl} routing hop(s) → ttl=${echo.packet.ttl}.`,
      concept: 'routing and TTL',
      ...at(echo.index, 'hops'),
    });
  }

  // Hotspot: where is the packet at an interesting hop?
  const spot =
    action.steps.find((x) => x.component === 'CNI overlay (VXLAN)') ??
    action.steps.find((x) => x.component === 'bridge cni0');
  if (spot) {
    const t = action.topology;
    const elements = [
      ...t.nodes.flatMap((n) => [n.id, n.bridge.id, ...(n.overlay ? [n.overlay.id] : [])]),
      ...t.pods.filter((p) => p.namespace !== 'kube-system').flatMap((p) => [p.id, p.veth]),
    ];
    if (elements.includes(spot.at)) {
      qs.push({
        id: id('where-is-packet'),
        type: 'hotspot',
        prompt: `Tap where the packet is at hop ${spot.index}: "${spot.action}".`,
        options: elements,
        answer: elements.indexOf(spot.at),
        explanation: `Hop ${spot.index} happens at ${spot.at} (${spot.component} on ${spot.node}).`,
        concept: spot.component === 'CNI overlay (VXLAN)' ? 'VXLAN overlay' : 'bridge cni0',
        ...at(spot.index, 'hops'),
      });
    }
  }

  // Multi: which components rewrite addresses?
  const rewriters = new Set<string>(
    action.steps.filter((x) => x.outcome === 'translated').map((x) => x.component),
  );
  if (rewriters.size > 0) {
    const names = [
      'kube-proxy (iptables DNAT)',
      'conntrack',
      'bridge cni0',
      'CNI overlay (VXLAN)',
      'CoreDNS',
    ];
    if (rewriters.has('kube-proxy (iptables SNAT)')) names.push('kube-proxy (iptables SNAT)');
    const opts = shuffled(names, random);
    qs.push({
      id: id('address-rewriters'),
      type: 'multi',
      prompt:
        'Which components rewrite an IP address or port of the packet in this command? (Select all.)',
      options: opts,
      answer: opts.map((o, i) => (rewriters.has(o) ? i : -1)).filter((i) => i >= 0),
      explanation: `Only ${[...rewriters].join(' and ')} change addresses; the bridge switches frames and VXLAN only wraps the packet in an outer header.`,
      concept: 'NAT',
      ...at(1, 'hops'),
    });
  }

  return qs.filter((q): q is Question => q !== undefined);
}

/** Re-runs the scenario with `fault drop-at <step>` just before the action and reads the outcome. */
function whatIfDrop(
  trace: Trace,
  action: ActionTrace,
  step: number,
  random: Random,
  A: string,
  B: string,
): SingleChoiceQuestion | undefined {
  const scenario = trace.source;
  const script = [...scenario.script];
  script.splice(action.index - 1, 0, {
    command: `fault drop-at ${step}`,
    line: script[action.index - 1]!.line,
  });
  const alt = run({ ...scenario, script }).actions[action.index]!;
  const rows = summarizeAction(alt).rows;
  const reached = rows.some((r) => r.stage === 'request-receive');
  const gotReply = rows.some((r) => r.stage === 'response-receive');
  const lost = `Request is lost and ${B} never receives it`;
  const delivered = `Request is delivered to ${B}`;
  const correct = !reached
    ? lost
    : gotReply
      ? delivered
      : `The response is lost and ${A} times out`;
  return single(
    random,
    {
      id: `a${action.index}-what-if-plugin-fails`,
      prompt: `If the network plugin fails at step ${step}, what happens to the request?`,
      explanation: `Re-running with the plugin failing at step ${step}: ${rows.map((r) => `${r.step}. ${r.action} → ${r.result}`).join('; ')}. Terminal: ${alt.output.join(' ') || '(nothing)'}.`,
      concept: 'network plugin',
      stepRef: { action: action.index, step, level: 'summary' },
    },
    correct,
    [lost, delivered, `${A} receives an immediate response`, `${B} sends a response anyway`],
  );
}

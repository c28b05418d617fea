import type { DetailLevel, StepRow, StepView, TopologyView } from '@podroom/contracts';
import type { GeneratedQuestion } from '@podroom/quiz';
import {
  generateQuestions,
  loadScenario,
  run,
  summarizeAction,
  type ActionTrace,
  type Question as SimulationQuestion,
  type StepRef,
  type Topology,
  type TraceStep,
} from '@podroom/simulation';
import { InvalidPayloadError } from '../errors/domain.errors.js';

/**
 * The one place the server talks to the simulation engine (libs/simulation): a scenario's YAML in,
 * the steps a class walks through and the questions generated from the trace out.
 */

/** A step of a lesson: what every client shows (a {@link StepView} without its position). */
export type LessonStep = Omit<StepView, 'index' | 'total' | 'detail'> & {
  /** The hop-level step numbers (1-based within the action) this step covers. */
  hops: number[];
};

/** A question generated from the trace, in the shape `fromGenerated` (libs/quiz) reads. */
export interface TraceQuestion {
  generated: GeneratedQuestion;
  /** The lesson step (0-based) the question is about, when it maps to one. */
  stepIndex: number | null;
}

export interface LessonTrace {
  steps: LessonStep[];
  questions: TraceQuestion[];
}

/**
 * Runs the scenario and lays out its steps at `detail` for the chosen script `actions` (default:
 * every action that moves a packet). Throws INVALID_PAYLOAD naming the line of a bad scenario.
 */
export function traceLesson(
  scenarioYaml: string,
  { detail, actions }: { detail: DetailLevel; actions?: number[] },
): LessonTrace {
  const loaded = loadScenario(scenarioYaml);
  if (!loaded.ok) {
    const details = loaded.errors.map((e) => `line ${e.line}: ${e.message}`);
    throw new InvalidPayloadError(`The lesson's scenario is invalid: ${details[0]}`, details);
  }
  const trace = run(loaded.scenario);
  const chosen = trace.actions.filter((a) =>
    actions ? actions.includes(a.index) : a.steps.length > 0,
  );
  const steps = chosen.flatMap((action) =>
    detail === 'summary' ? summarySteps(action) : hopSteps(action),
  );
  if (steps.length === 0) throw new InvalidPayloadError('The lesson has no steps to show');
  const questions = generateQuestions(trace, { actions: chosen.map((a) => a.index) }).map(
    (q): TraceQuestion => {
      const stepIndex = q.stepRef ? findStep(steps, q.stepRef) : null;
      return { generated: toQuizShape(q, chosen, stepIndex), stepIndex };
    },
  );
  return { steps, questions };
}

function summarySteps(action: ActionTrace): LessonStep[] {
  const summary = summarizeAction(action);
  const topology = topologyView(action.topology);
  return summary.rows.map((row, i) => ({
    action: actionInfo(action),
    row: {
      step: row.step,
      action: row.action,
      source: row.sourcePod,
      destination: row.destinationPod,
      role: row.networkPluginRole,
      result: row.result,
    },
    tracker: summary.tracker.variables.map((v) => ({ name: v.name, value: v.afterStep[i] ?? '' })),
    topology,
    ...packetOf(action.steps[row.hops[row.hops.length - 1]! - 1]),
    output: i === summary.rows.length - 1 ? action.output : [],
    hops: row.hops,
  }));
}

function hopSteps(action: ActionTrace): LessonStep[] {
  const topology = topologyView(action.topology);
  const end = (e: { name: string; ip: string; port?: number }) =>
    `${e.name} (${e.ip}${e.port === undefined ? '' : `:${e.port}`})`;
  return action.steps.map((step, i): LessonStep => {
    const row: StepRow = {
      step: step.index,
      action: step.action,
      source: end(step.source),
      destination: end(step.destination),
      role: step.role,
      result: step.result,
      component: step.component,
    };
    return {
      action: actionInfo(action),
      row,
      tracker: action.tracker.variables.map((v) => ({ name: v.name, value: v.afterStep[i] ?? '' })),
      topology,
      ...packetOf(step),
      output: i === action.steps.length - 1 ? action.output : [],
      hops: [step.index],
    };
  });
}

/** Where the packet is after a hop, its headers, and whether it got no further. */
function packetOf(
  step: TraceStep | undefined,
): Pick<LessonStep, 'packetAt' | 'packet' | 'dropped'> {
  if (!step) return { packetAt: null, packet: null, dropped: false };
  return {
    packetAt: step.at,
    packet: step.packet ?? null,
    dropped: step.outcome === 'dropped' || step.outcome === 'refused' || step.outcome === 'timeout',
  };
}

const actionInfo = (action: ActionTrace): LessonStep['action'] => ({
  index: action.index,
  command: action.command,
  ...(action.note !== undefined && { note: action.note }),
});

/** The lesson step a generated question refers to, whatever detail level it was written at. */
function findStep(steps: LessonStep[], ref: StepRef): number | null {
  const index = steps.findIndex(
    (s) =>
      s.action.index === ref.action &&
      (ref.level === 'hops' ? s.hops.includes(ref.step) : s.row.step === ref.step),
  );
  return index < 0 ? null : index;
}

function topologyView(topology: Topology): TopologyView {
  return {
    nodes: topology.nodes.map((n) => ({
      id: n.id,
      name: n.name,
      ip: n.ip,
      podCIDR: n.podCIDR,
      bridgeIp: n.bridge.ip,
      ...(n.overlay && { vni: n.overlay.vni }),
      cniUp: n.cniUp,
    })),
    pods: topology.pods.map((p) => ({
      id: p.id,
      name: p.displayName,
      namespace: p.namespace,
      node: p.node,
      ip: p.ip,
    })),
    services: topology.services.map((s) => ({
      id: s.id,
      name: s.name,
      namespace: s.namespace,
      clusterIP: s.clusterIP,
      type: s.type,
      ports: s.ports.map((port) => ({
        port: port.port,
        targetPort: port.targetPort,
        protocol: port.protocol,
        ...(port.nodePort !== undefined && { nodePort: port.nodePort }),
      })),
      endpoints: s.endpoints.map((e) => ({ pod: e.pod, ip: e.ip })),
    })),
    components: [
      { id: topology.underlay.id, name: 'node network (underlay)' },
      ...topology.nodes.flatMap((n) => [
        { id: n.bridge.id, name: `bridge ${n.bridge.name}`, node: n.name },
        ...(n.overlay ? [{ id: n.overlay.id, name: `VXLAN ${n.overlay.name}`, node: n.name }] : []),
      ]),
      ...topology.pods.map((p) => ({ id: p.veth, name: `veth of ${p.displayName}`, node: p.node })),
    ],
  };
}

/** Names for topology element ids, for hotspot options. */
function elementNames(actions: ActionTrace[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const action of actions) {
    for (const { id, name, node } of topologyView(action.topology).components)
      names.set(id, node ? `${name} on ${node}` : name);
    for (const n of action.topology.nodes) names.set(n.id, `node ${n.name}`);
    for (const p of action.topology.pods) names.set(p.id, `pod ${p.displayName}`);
    for (const s of action.topology.services) names.set(s.id, `Service ${s.name}`);
  }
  return names;
}

/**
 * The generator answers with option indexes; libs/quiz wants option ids. Options become
 * `{ id: 'o1', text }` (hotspots keep the topology element id as option id).
 */
function toQuizShape(
  q: SimulationQuestion,
  actions: ActionTrace[],
  stepIndex: number | null,
): GeneratedQuestion {
  const base = {
    id: q.id,
    type: q.type,
    prompt: q.prompt,
    explanation: q.explanation,
    concept: q.concept,
    ...(stepIndex !== null && { stepRef: stepIndex }),
  };
  const optionId = (i: number) => `o${i + 1}`;
  const options = (texts: string[]) => texts.map((text, i) => ({ id: optionId(i), text }));
  switch (q.type) {
    case 'single':
      return { ...base, options: options(q.options), answer: optionId(q.answer) };
    case 'multi':
    case 'ordering':
      return { ...base, options: options(q.options), answer: q.answer.map(optionId) };
    case 'hotspot': {
      const names = elementNames(actions);
      return {
        ...base,
        options: q.options.map((id) => ({ id, text: names.get(id) ?? id })),
        answer: q.options[q.answer],
      };
    }
    case 'true-false':
      return { ...base, answer: q.answer };
    case 'numeric':
      return {
        ...base,
        answer: q.answer,
        tolerance: q.tolerance,
        ...(q.unit !== undefined && { unit: q.unit }),
      };
  }
}

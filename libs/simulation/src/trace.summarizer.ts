/**
 * The summary detail level: consecutive hop steps of the same stage fold into one row with seed
 * 000's columns (Step, Action, Source Pod, Destination Pod, Network Plugin Role, Result).
 */
import { REQUEST_STATUS, RESPONSE_STATUS } from './command.runner.js';
import type {
  ActionSummary,
  ActionTrace,
  FlowInfo,
  StatusTracker,
  SummaryRow,
  Trace,
  TraceStep,
  TraceSummary,
} from './simulation.types.js';

/** Folds every action's hop steps into summary rows. */
export function summarize(trace: Trace): TraceSummary {
  return { scenario: trace.scenario, actions: trace.actions.map(summarizeAction) };
}

/** The summary level of one action. */
export function summarizeAction(action: ActionTrace): ActionSummary {
  const groups: TraceStep[][] = [];
  for (const step of action.steps) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.stage === step.stage && last[0]!.round === step.round) last.push(step);
    else groups.push([step]);
  }
  const flow = action.flow;
  const value = (name: string, stepIndex: number): string => {
    const v = action.tracker.variables.find((x) => x.name === name);
    return v ? (stepIndex === 0 ? v.start : v.afterStep[stepIndex - 1]!) : '';
  };
  const rows = groups.map((g, i) =>
    row(g, i + 1, flow, (name) => value(name, g[g.length - 1]!.index)),
  );
  const tracker: StatusTracker = {
    variables: action.tracker.variables
      .filter((v) => v.name === REQUEST_STATUS || v.name === RESPONSE_STATUS)
      .map((v) => ({
        name: v.name,
        start: v.start,
        afterStep: groups.map((g) => v.afterStep[g[g.length - 1]!.index - 1]!),
      })),
  };
  return { index: action.index, command: action.command, rows, tracker, output: action.output };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function row(
  steps: TraceStep[],
  n: number,
  flow: FlowInfo | undefined,
  valueAtEnd: (name: string) => string,
): SummaryRow {
  const first = steps[0]!;
  const last = steps[steps.length - 1]!;
  const A = flow?.client.displayName ?? first.source.name;
  const B = flow?.server.displayName ?? first.destination.name;
  const a = flow?.client.name ?? first.source.name;
  const b = flow?.server.name ?? first.destination.name;
  const kind = flow?.kind ?? 'http';
  const request =
    kind === 'icmp' ? 'ICMP echo request' : kind === 'dns' ? 'DNS query' : 'HTTP request';
  const response =
    kind === 'icmp' ? 'ICMP echo reply' : kind === 'dns' ? 'DNS response' : 'HTTP response';
  const failure = steps.find((s) => s.outcome === 'dropped' || s.outcome === 'refused');
  const failed = (fallback: string): string => (failure ? capitalise(failure.result) : fallback);
  const base = { step: n, stage: first.stage, round: first.round, hops: steps.map((s) => s.index) };
  switch (first.stage) {
    case 'initiate': {
      const sent = valueAtEnd(REQUEST_STATUS) === 'Sent';
      if (!sent && !failure) {
        return {
          ...base,
          action: `${A} looks up ${b}`,
          sourcePod: a,
          destinationPod: b,
          networkPluginRole: 'Routes DNS query to cluster DNS (kube-dns)',
          result: capitalise(last.result),
        };
      }
      return {
        ...base,
        action: `${A} initiates ${request}`,
        sourcePod: a,
        destinationPod: b,
        networkPluginRole: `Routes request to ${b} IP`,
        result: failed(sent ? 'Request sent' : last.result),
      };
    }
    case 'request-route':
      return {
        ...base,
        action: 'Network plugin routes packet',
        sourcePod: a,
        destinationPod: b,
        networkPluginRole: `Forwards packet to ${b} network namespace`,
        result: failed('Packet delivered'),
      };
    case 'request-receive':
      return {
        ...base,
        action: `${B} receives request`,
        sourcePod: a,
        destinationPod: b,
        networkPluginRole: 'N/A',
        result: failed(`${B} processes request`),
      };
    case 'response-send':
      return {
        ...base,
        action: `${B} sends ${response}`,
        sourcePod: b,
        destinationPod: a,
        networkPluginRole: `Routes response back to ${a}`,
        result: failed('Response sent'),
      };
    case 'response-route':
      return {
        ...base,
        action: 'Network plugin routes response',
        sourcePod: b,
        destinationPod: a,
        networkPluginRole: `Forwards packet to ${a} network namespace`,
        result: failed('Response delivered'),
      };
    case 'response-receive':
      return {
        ...base,
        action: `${A} receives response`,
        sourcePod: b,
        destinationPod: a,
        networkPluginRole: 'N/A',
        result: `${A} receives data`,
      };
    case 'close':
      return {
        ...base,
        action:
          kind === 'icmp'
            ? 'Ping finishes'
            : kind === 'dns'
              ? 'Lookup complete'
              : 'Connection closed',
        sourcePod: a,
        destinationPod: b,
        networkPluginRole: 'N/A',
        result: 'Communication ends',
      };
    case 'lookup-failed':
      return {
        ...base,
        action: `${A} cannot resolve ${b}`,
        sourcePod: a,
        destinationPod: b,
        networkPluginRole: 'N/A',
        result: capitalise(last.result),
      };
    case 'timeout': {
      const responseLost = valueAtEnd(RESPONSE_STATUS) === 'Lost';
      return {
        ...base,
        action: `${A} waits for a response`,
        sourcePod: a,
        destinationPod: b,
        networkPluginRole: 'N/A',
        result: responseLost ? 'Response lost' : `Request lost: ${B} never receives it`,
      };
    }
    case 'refused':
      return {
        ...base,
        action: `${A}'s connection is refused`,
        sourcePod: a,
        destinationPod: b,
        networkPluginRole: 'N/A',
        result: 'Connection refused',
      };
  }
}

/**
 * The compact tracker table of seed 000: Start, then "After Step N" for each step where the first
 * variable (Request Status) changes, and Final (after the last step).
 */
export function trackerTable(tracker: StatusTracker): { headers: string[]; rows: string[][] } {
  const first = tracker.variables[0];
  if (!first) return { headers: ['Variable', 'Start', 'Final'], rows: [] };
  const n = first.afterStep.length;
  const columns: number[] = [];
  let prev = first.start;
  for (let i = 0; i < n - 1; i++) {
    if (first.afterStep[i] !== prev) columns.push(i + 1);
    prev = first.afterStep[i]!;
  }
  const headers = ['Variable', 'Start', ...columns.map((c) => `After Step ${c}`), 'Final'];
  const rows = tracker.variables.map((v) => [
    v.name,
    v.start,
    ...columns.map((c) => v.afterStep[c - 1]!),
    v.afterStep[n - 1] ?? v.start,
  ]);
  return { headers, rows };
}

import type {
  ActionTrace,
  DetailLevel,
  PacketHeaders,
  StatusTracker,
  Topology,
  Trace,
  TraceStep,
  TraceSummary,
} from '@podroom/simulation';

/**
 * What the projector shows at one moment of a trace, worked out from the simulation's output and
 * nothing else, so that the same position always draws the same picture (a room will drive it
 * with step events; the demo drives it with the keyboard).
 */

/** A moment in a trace: the action (0-based) and how many of its rows have happened (0 = none). */
export interface FramePosition {
  action: number;
  step: number;
}

/** One row of the process table, at either detail level. */
export interface TableRow {
  step: number;
  action: string;
  source: string;
  destination: string;
  /** Summary level: the network plugin's role. Hops level: the component that handles the packet. */
  role: string;
  node: string;
  result: string;
  failed: boolean;
  /** The hop-level steps this row covers, in order (one at the hops level). */
  hops: TraceStep[];
}

export interface TrackerValue {
  name: string;
  value: string;
  /** Changed by the current row. */
  changed: boolean;
}

export type PacketState = 'moving' | 'dropped' | 'none';

export interface ProjectorFrame {
  position: FramePosition;
  detail: DetailLevel;
  /** 1-based, for "Action 3 of 5". */
  actionNumber: number;
  actionCount: number;
  command: string;
  note?: string;
  kind: ActionTrace['kind'];
  /** Every row of the action; the first `position.step` have happened. */
  rows: TableRow[];
  current?: TableRow;
  tracker: TrackerValue[];
  /** Element ids the packet passes through during this frame (the last is where it is). */
  packetPath: string[];
  packet?: PacketHeaders;
  packetState: PacketState;
  /** The element the current row ends on (highlighted). */
  at?: string;
  /** The command's terminal output, once the action is complete. */
  output?: string[];
  exitCode: number;
  topology: Topology;
  isFirst: boolean;
  isLast: boolean;
}

const FAILED_OUTCOMES = new Set(['dropped', 'timeout', 'refused', 'nxdomain']);

function label(end: { name: string; ip: string; port?: number }): string {
  return end.name || (end.port === undefined ? end.ip : `${end.ip}:${end.port}`);
}

/** The process table rows of one action at a detail level. */
export function actionRows(
  action: ActionTrace,
  summary: TraceSummary,
  detail: DetailLevel,
): TableRow[] {
  if (detail === 'hops') {
    return action.steps.map((step) => ({
      step: step.index,
      action: step.action,
      source: label(step.source),
      destination: label(step.destination),
      role: step.component,
      node: step.node,
      result: step.result,
      failed: FAILED_OUTCOMES.has(step.outcome),
      hops: [step],
    }));
  }
  const rows = summary.actions.find((a) => a.index === action.index)?.rows ?? [];
  return rows.map((row) => {
    const hops = row.hops
      .map((h) => action.steps[h - 1])
      .filter((s): s is TraceStep => s !== undefined);
    return {
      step: row.step,
      action: row.action,
      source: row.sourcePod,
      destination: row.destinationPod,
      role: row.networkPluginRole,
      node: hops.at(-1)?.node ?? '',
      result: row.result,
      failed: hops.some((h) => FAILED_OUTCOMES.has(h.outcome)),
      hops,
    };
  });
}

function trackerOf(action: ActionTrace, summary: TraceSummary, detail: DetailLevel): StatusTracker {
  if (detail === 'hops') return action.tracker;
  return summary.actions.find((a) => a.index === action.index)?.tracker ?? action.tracker;
}

function valueAt(variable: StatusTracker['variables'][number], step: number): string {
  return step === 0 ? variable.start : (variable.afterStep[step - 1] ?? variable.start);
}

/** Every position of a trace in order: each action, then each of its rows. */
export function framePositions(
  trace: Trace,
  summary: TraceSummary,
  detail: DetailLevel,
): FramePosition[] {
  return trace.actions.flatMap((action, a) => {
    const count = actionRows(action, summary, detail).length;
    return Array.from({ length: count + 1 }, (_, step) => ({ action: a, step }));
  });
}

/** Keeps a position inside the trace (e.g. after switching detail level, which changes row counts). */
export function clampPosition(
  trace: Trace,
  summary: TraceSummary,
  detail: DetailLevel,
  position: FramePosition,
): FramePosition {
  const a = Math.min(Math.max(position.action, 0), trace.actions.length - 1);
  const rows = actionRows(trace.actions[a]!, summary, detail).length;
  return { action: a, step: Math.min(Math.max(position.step, 0), rows) };
}

/** The picture at a position. */
export function buildFrame(
  trace: Trace,
  summary: TraceSummary,
  detail: DetailLevel,
  position: FramePosition,
): ProjectorFrame {
  const { action: a, step } = clampPosition(trace, summary, detail, position);
  const action = trace.actions[a]!;
  const rows = actionRows(action, summary, detail);
  const current = step > 0 ? rows[step - 1] : undefined;
  const previous = step > 1 ? rows[step - 2] : undefined;

  const tracker = trackerOf(action, summary, detail).variables.map((variable) => {
    const value = valueAt(variable, step);
    return {
      name: variable.name,
      value,
      changed: step > 0 && value !== valueAt(variable, step - 1),
    };
  });

  const packetPath: string[] = [];
  for (const id of [previous?.hops.at(-1)?.at, ...(current?.hops.map((h) => h.at) ?? [])]) {
    if (id !== undefined && packetPath.at(-1) !== id) packetPath.push(id);
  }

  // Where the packet is: the last hop so far that carried one.
  const done = rows.slice(0, step).flatMap((r) => r.hops);
  const lastWithPacket = [...done].reverse().find((h) => h.packet !== undefined);
  const currentHop = current?.hops.at(-1);
  let packetState: PacketState = 'none';
  if (lastWithPacket?.outcome === 'dropped') packetState = 'dropped';
  else if (currentHop?.packet !== undefined) packetState = 'moving';

  const complete = step === rows.length;
  const frame: ProjectorFrame = {
    position: { action: a, step },
    detail,
    actionNumber: a + 1,
    actionCount: trace.actions.length,
    command: action.command,
    kind: action.kind,
    rows,
    tracker,
    packetPath: packetState === 'moving' ? packetPath : [],
    packetState,
    exitCode: action.exitCode,
    topology: action.topology,
    isFirst: a === 0 && step === 0,
    isLast: a === trace.actions.length - 1 && complete,
  };
  if (action.note !== undefined) frame.note = action.note;
  if (current !== undefined) frame.current = current;
  if (currentHop !== undefined) frame.at = currentHop.at;
  if (packetState === 'dropped') {
    frame.packetPath = [lastWithPacket!.at];
    frame.packet = lastWithPacket!.packet!;
  } else if (packetState === 'moving') {
    frame.packet = currentHop!.packet!;
  }
  if (complete) frame.output = action.output;
  return frame;
}

/** The next or previous position, or the same one at either end. */
export function stepPosition(
  trace: Trace,
  summary: TraceSummary,
  detail: DetailLevel,
  position: FramePosition,
  delta: number,
): FramePosition {
  const all = framePositions(trace, summary, detail);
  const here = all.findIndex((p) => p.action === position.action && p.step === position.step);
  const next = Math.min(Math.max((here < 0 ? 0 : here) + delta, 0), all.length - 1);
  return all[next]!;
}

/** The first position of the first action that moves a packet (where a demo is worth starting). */
export function firstPacketPosition(trace: Trace): FramePosition {
  const a = trace.actions.findIndex((action) => action.steps.length > 0);
  return { action: Math.max(a, 0), step: 0 };
}

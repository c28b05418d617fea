/** Collects hop steps and the status tracker while a command runs. */
import type { Component, Outcome, Stage, StatusTracker, TraceStep } from './simulation.types.js';

/** Components that belong to the network plugin (what `fault drop-at` breaks). */
export const CNI_COMPONENTS: ReadonlySet<Component> = new Set<Component>([
  'veth',
  'bridge cni0',
  'CNI overlay (VXLAN)',
  'node routing',
]);

/** A step before it gets its index, stage and round. */
export type StepDraft = Omit<TraceStep, 'index' | 'stage' | 'round'>;

/** Builds the ordered step list and the tracker of one action. */
export class StepBuilder {
  readonly steps: TraceStep[] = [];
  stage: Stage = 'initiate';
  round = 1;
  /** While > 0, steps are computed but only drops are recorded (used for DNS packets' CNI legs). */
  quiet = 0;
  /** Components whose steps are computed but not recorded unless they drop (DNS packets' CNI legs). */
  quietComponents: ReadonlySet<Component> = new Set();
  private readonly vars: { name: string; start: string; current: string; history: string[] }[] = [];
  private lastKey = '';
  private rows = 0;
  private dropFired = false;

  /** @param dropAtRow summary row (1-based) where the network plugin fails (`fault drop-at`). */
  constructor(private readonly dropAtRow?: number) {}

  /** Declares a tracked variable and its start value. */
  declare(name: string, start: string): void {
    this.vars.push({ name, start, current: start, history: this.steps.map(() => start) });
  }

  /** The current value of a tracked variable. */
  value(name: string): string | undefined {
    return this.vars.find((v) => v.name === name)?.current;
  }

  /**
   * Records a step (unless quiet), applying `sets` to the tracker after it. Returns the step as
   * recorded, which may have been turned into a drop by an injected fault.
   */
  emit(draft: StepDraft, sets: Record<string, string> = {}): TraceStep {
    let step: TraceStep = {
      ...draft,
      index: this.steps.length + 1,
      stage: this.stage,
      round: this.round,
    };
    if (
      (this.quiet > 0 || this.quietComponents.has(step.component)) &&
      step.outcome !== 'dropped'
    ) {
      return step;
    }
    const key = `${this.stage}#${this.round}`;
    const row = key === this.lastKey ? this.rows : this.rows + 1;
    if (
      this.quiet === 0 &&
      !this.quietComponents.has(step.component) &&
      this.dropAtRow !== undefined &&
      !this.dropFired &&
      row === this.dropAtRow &&
      CNI_COMPONENTS.has(step.component)
    ) {
      this.dropFired = true;
      step = {
        ...step,
        outcome: 'dropped',
        result: `dropped: the network plugin fails here (fault drop-at ${this.dropAtRow})`,
      };
    }
    if (key !== this.lastKey) {
      this.rows++;
      this.lastKey = key;
    }
    this.steps.push(step);
    for (const [name, value] of Object.entries(sets)) {
      const v = this.vars.find((x) => x.name === name);
      if (v) v.current = value;
    }
    for (const v of this.vars) v.history.push(v.current);
    return step;
  }

  /** Sets tracked values after the most recent step (when the change belongs to it). */
  setAfterLast(sets: Record<string, string>): void {
    for (const [name, value] of Object.entries(sets)) {
      const v = this.vars.find((x) => x.name === name);
      if (!v) continue;
      v.current = value;
      if (v.history.length > 0) v.history[v.history.length - 1] = value;
    }
  }

  /** Whether an injected drop has fired. */
  get faultFired(): boolean {
    return this.dropFired;
  }

  tracker(): StatusTracker {
    return {
      variables: this.vars.map((v) => ({
        name: v.name,
        start: v.start,
        afterStep: [...v.history],
      })),
    };
  }
}

/** True for outcomes that end a packet's journey badly. */
export function isFailure(outcome: Outcome): boolean {
  return outcome === 'dropped' || outcome === 'refused' || outcome === 'timeout';
}

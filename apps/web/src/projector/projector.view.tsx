import type { ComponentChildren } from 'preact';
import { PacketCard } from './packet.card.js';
import { ProcessTable } from './process.table.js';
import type { ProjectorFrame } from './projector.frames.js';
import { StatusTracker } from './status.tracker.js';
import { TerminalOutput } from './terminal.output.js';
import { TopologyDiagram } from './topology.diagram.js';
import './projector.css';

function caption(frame: ProjectorFrame): string {
  const hop = frame.current?.hops.at(-1);
  if (!frame.current || !hop) {
    if (frame.rows.length === 0) return frame.note ?? 'The cluster after this command.';
    return frame.note ?? 'Ready: the packet has not left yet.';
  }
  const where = `${hop.component} on ${hop.node}`;
  return frame.detail === 'hops'
    ? `${where}: ${hop.role}`
    : `${frame.current.action} (${where}): ${hop.role}`;
}

/**
 * The projector: the cluster with the packet on it, the process table filling in, the status
 * tracker and the packet's headers, sized to be read from the back of a classroom. It draws a
 * frame and nothing else; whoever owns the position (the demo's keyboard, later the room's step
 * events) passes it in.
 */
export function ProjectorView(props: {
  frame: ProjectorFrame;
  title: string;
  controls?: ComponentChildren;
}) {
  const { frame } = props;
  const frameKey = `${frame.detail}:${frame.position.action}:${frame.position.step}`;
  const hasRows = frame.rows.length > 0;
  return (
    <main class="projector" data-frame={frameKey}>
      <header class="projector__head">
        <p class="projector__title">{props.title}</p>
        <p class="projector__progress">
          Command {frame.actionNumber} of {frame.actionCount}
          {hasRows && (
            <>
              {' · '}
              <span class="projector__step">
                Step {frame.position.step} of {frame.rows.length}
              </span>
            </>
          )}
        </p>
        <h1 class="projector__command">
          <code>$ {frame.command}</code>
        </h1>
      </header>

      <section class="projector__diagram" aria-label="Cluster">
        <TopologyDiagram
          topology={frame.topology}
          at={frame.at}
          packetPath={frame.packetPath}
          packet={frame.packet}
          packetState={frame.packetState}
          frameKey={frameKey}
        />
        <p class="projector__caption" aria-live="polite">
          {caption(frame)}
        </p>
      </section>

      <section class="projector__table" aria-label="Steps">
        {hasRows && (
          <ProcessTable rows={frame.rows} shown={frame.position.step} detail={frame.detail} />
        )}
        {(frame.output || !hasRows) && (
          <TerminalOutput
            command={frame.command}
            output={frame.output ?? []}
            exitCode={frame.exitCode}
          />
        )}
      </section>

      <aside class="projector__side" aria-label="Status">
        <PacketCard packet={frame.packet} state={frame.packetState} />
        <StatusTracker values={frame.tracker} />
      </aside>

      {props.controls && <footer class="projector__controls">{props.controls}</footer>}
    </main>
  );
}

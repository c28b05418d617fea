/** Renders a trace as plain-text tables for terminals and logs. */
import type { ActionTrace, DetailLevel, PacketHeaders, Trace } from './simulation.types.js';
import { summarizeAction, trackerTable } from './trace.summarizer.js';

/** Lays rows out in aligned columns with a header rule. */
export function textTable(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join(' | ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line)];
}

function addr(a: { ip: string; port?: number }): string {
  return a.port === undefined ? a.ip : `${a.ip}:${a.port}`;
}

/** `TCP 10.244.0.5:41234 → 10.96.0.20:80 ttl=64 [outer UDP 192.168.49.2 → 192.168.49.3]`. */
export function formatPacket(p: PacketHeaders | undefined): string {
  if (!p) return '';
  const outer = p.outer
    ? ` [VXLAN outer ${p.outer.src.ip} → ${p.outer.dst.ip} UDP/${p.outer.dst.port}]`
    : '';
  return `${p.protocol} ${addr(p.src)} → ${addr(p.dst)} ttl=${p.ttl}${outer}`;
}

/** Renders one action at the chosen detail level. */
export function formatAction(action: ActionTrace, detail: DetailLevel): string[] {
  const out: string[] = [`== ${action.index}. $ ${action.command}`];
  if (action.note) out.push(`   ${action.note}`);
  if (action.steps.length > 0) {
    out.push('');
    if (detail === 'summary') {
      const s = summarizeAction(action);
      out.push(
        ...textTable(
          ['Step', 'Action', 'Source Pod', 'Destination Pod', 'Network Plugin Role', 'Result'],
          s.rows.map((r) => [
            String(r.step),
            r.action,
            r.sourcePod,
            r.destinationPod,
            r.networkPluginRole,
            r.result,
          ]),
        ),
      );
      out.push('', 'Status tracker:');
      const t = trackerTable(s.tracker);
      out.push(...textTable(t.headers, t.rows));
    } else {
      out.push(
        ...textTable(
          ['#', 'Component', 'Node', 'Action', 'Packet', 'Result'],
          action.steps.map((s) => [
            String(s.index),
            s.component,
            s.node,
            s.action,
            formatPacket(s.packet),
            s.result,
          ]),
        ),
      );
      out.push('', 'Status tracker (value after each step):');
      const headers = ['Variable', 'Start', ...action.steps.map((s) => String(s.index))];
      const changes = action.tracker.variables.map((v) => {
        let prev = v.start;
        return [
          v.name,
          v.start,
          ...v.afterStep.map((x) => {
            const shown = x === prev ? '' : x;
            prev = x;
            return shown;
          }),
        ];
      });
      // One line per change keeps wide trackers readable.
      for (const [i, v] of action.tracker.variables.entries()) {
        const parts = [`${v.name}: ${v.start}`];
        changes[i]!.slice(2).forEach((x, j) => {
          if (x !== '') parts.push(`→ after ${headers[j + 2]}: ${x}`);
        });
        out.push(`  ${parts.join(' ')}`);
      }
    }
  }
  out.push('', 'Terminal:', ...action.output.map((l) => `  ${l}`));
  if (action.exitCode !== 0) out.push(`  (exit code ${action.exitCode})`);
  return out;
}

/** Renders a whole trace. */
export function formatTrace(trace: Trace, detail: DetailLevel = 'summary'): string {
  const out = [`# ${trace.scenario.title} (${trace.scenario.name}, seed ${trace.scenario.seed})`];
  for (const a of trace.actions) out.push('', ...formatAction(a, detail));
  return `${out.join('\n')}\n`;
}

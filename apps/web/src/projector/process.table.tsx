import type { DetailLevel } from '@podroom/simulation';
import { useEffect, useRef } from 'preact/hooks';
import type { TableRow } from './projector.frames.js';

/**
 * The process table, filling in row by row: at the summary level the seed's columns (Step, Action,
 * Source Pod, Destination Pod, Network Plugin Role, Result); at the hops level one row per
 * component the packet passes.
 */
export function ProcessTable(props: { rows: TableRow[]; shown: number; detail: DetailLevel }) {
  const currentRow = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    currentRow.current?.scrollIntoView({ block: 'nearest' });
  }, [props.shown, props.detail]);
  const hops = props.detail === 'hops';
  const visible = props.rows.slice(0, props.shown);
  return (
    <div class="process-table" tabIndex={0} aria-label="Process table">
      <table>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Action</th>
            {hops ? (
              <>
                <th scope="col">Component</th>
                <th scope="col">Node</th>
              </>
            ) : (
              <>
                <th scope="col">Source Pod</th>
                <th scope="col">Destination Pod</th>
                <th scope="col">Network Plugin Role</th>
              </>
            )}
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {visible.map((row, i) => {
            const isCurrent = i === props.shown - 1;
            return (
              <tr
                key={row.step}
                ref={isCurrent ? currentRow : undefined}
                class={`${isCurrent ? 'is-current' : ''}${row.failed ? ' is-failed' : ''}`}
                aria-current={isCurrent ? 'step' : undefined}
              >
                <td class="process-table__step">{row.step}</td>
                <td>{row.action}</td>
                {hops ? (
                  <>
                    <td data-label="Component">{row.role}</td>
                    <td data-label="Node">{row.node}</td>
                  </>
                ) : (
                  <>
                    <td data-label="From">{row.source}</td>
                    <td data-label="To">{row.destination}</td>
                    <td data-label="Network plugin">{row.role}</td>
                  </>
                )}
                <td data-label="Result">
                  {row.failed && <span aria-hidden="true">✕ </span>}
                  {row.result}
                </td>
              </tr>
            );
          })}
          {visible.length === 0 && (
            <tr class="process-table__empty">
              <td colSpan={hops ? 5 : 6}>
                {props.rows.length === 0 ? 'This command moves no packet.' : 'Press → to start.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

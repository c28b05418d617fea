/** What the command printed, as in a terminal. */
export function TerminalOutput(props: { command: string; output: string[]; exitCode: number }) {
  return (
    <section class="terminal" aria-label="Terminal output">
      <pre>
        <span class="terminal__prompt">$ {props.command}</span>
        {'\n'}
        {props.output.join('\n')}
        {props.exitCode !== 0 && `\n(exit code ${props.exitCode})`}
      </pre>
    </section>
  );
}

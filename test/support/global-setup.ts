import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs once before all tests. Jest loads this file outside its module mapping (no `.js` → `.ts`),
 * so it imports nothing of ours: the work runs in a child process (prepare-database.ts), whose
 * last output line is the chosen database mode, handed to the test workers through the
 * environment (see test-database.ts).
 */
export default function globalSetup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'test/support/prepare-database.ts'],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  process.env.PODROOM_TEST_DATABASE = output.trim().split('\n').at(-1);
}

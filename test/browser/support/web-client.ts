import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BUILT = path.join(ROOT, 'dist', 'web', 'index.html');
/** What the client is built from. */
const SOURCES = ['apps/web', 'libs/simulation/src', 'libs/contracts/src', 'package-lock.json'];
const LOCK = path.join(ROOT, 'dist', '.web-build.lock');

function newestMtime(file: string): number {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(file)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(file, entry)));
  }
  return newest;
}

function isFresh(): boolean {
  if (!existsSync(BUILT)) return false;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.every((s) => newestMtime(path.join(ROOT, s)) <= built);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes sure dist/web holds the client built from the current sources, which the app under test
 * serves as `npm start` does. A fresh build is reused (nothing newer among the sources than
 * dist/web/index.html); a missing or stale one is rebuilt with `vite build` (~1 s). Test files
 * running in parallel take a lock so that only one of them builds.
 */
export async function ensureWebClient(): Promise<void> {
  if (isFresh()) return;
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (const deadline = Date.now() + 120_000; ;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`web client build lock ${LOCK} held too long`);
      // A lock left by a killed run is older than any build takes.
      const held = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - held > 60_000) {
        rmSync(LOCK, { recursive: true, force: true });
      }
      await sleep(200);
    }
  }
  try {
    if (isFresh()) return;
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'apps/web', '--logLevel', 'warn'],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

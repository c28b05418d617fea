import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './redis-server.js';

const run = promisify(execFile);

/** The newest installed PostgreSQL's bin folder, e.g. /usr/lib/postgresql/15/bin. */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error(`No PostgreSQL server binaries under ${root} (install postgresql)`);
  return path.join(root, versions[0]!, 'bin');
}

/**
 * A private, throw-away PostgreSQL server for one test file (its own data folder, port and socket
 * folder), so a test can stop and start it without disturbing the machine's PostgreSQL. Runs as
 * the `postgres` user through `runuser` (the tests run as root, and PostgreSQL refuses root).
 */
export class TestPostgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<TestPostgres> {
    const bin = binDir();
    const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
    const [uid, gid] = [await id('-u'), await id('-g')];
    const dir = mkdtempSync(path.join(tmpdir(), 'podroom-pg-'));
    chownSync(dir, uid, gid);
    const server = new TestPostgres(bin, dir, await freePort());
    try {
      await server.asPostgres('initdb', [
        '-D',
        server.dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '--no-sync',
      ]);
      await server.up();
    } catch (error) {
      await server.destroy();
      throw error;
    }
    return server;
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  /** The admin URL (trust authentication, user postgres) of database `name`. */
  url(name = 'postgres'): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${name}`;
  }

  async up(): Promise<void> {
    await this.asPostgres('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      path.join(this.dir, 'log'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-w',
      '-t',
      '30',
      'start',
    ]);
  }

  /** Stops the server at once (`-m fast`: sessions are ended, nothing is lost that committed). */
  async down(): Promise<void> {
    await this.asPostgres('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
  }

  /** Stops the server if it runs and deletes its files. Safe to call more than once. */
  async destroy(): Promise<void> {
    if (existsSync(path.join(this.dataDir, 'postmaster.pid')))
      await this.asPostgres('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', 'stop']).catch(
        () => undefined,
      );
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async asPostgres(program: string, args: string[]): Promise<void> {
    try {
      await run('runuser', ['-u', 'postgres', '--', path.join(this.bin, program), ...args], {
        cwd: this.dir,
      });
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(`${program} failed: ${stderr || stdout || (error as Error).message}`, {
        cause: error,
      });
    }
  }
}

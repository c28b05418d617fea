import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveSigningSecret } from './signing-secret.js';

describe('resolveSigningSecret', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'podroom-secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses JWT_SECRET when set', () => {
    expect(resolveSigningSecret({ JWT_SECRET: 'a'.repeat(32), DATA_DIR: dir })).toBe(
      'a'.repeat(32),
    );
  });

  it('generates a secret once, keeps it private in DATA_DIR, and reuses it', () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const first = resolveSigningSecret({ DATA_DIR: dataDir });
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(statSync(path.join(dataDir, 'signing-secret')).mode & 0o777).toBe(0o600);
    expect(resolveSigningSecret({ DATA_DIR: dataDir })).toBe(first);
  });

  it('gives each in-memory server its own secret', () => {
    expect(resolveSigningSecret({ DATA_DIR: 'memory://' })).not.toBe(
      resolveSigningSecret({ DATA_DIR: 'memory://' }),
    );
  });
});

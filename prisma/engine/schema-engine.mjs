#!/usr/bin/env node
// Offline stand-in for Prisma's native `schema-engine` binary, which the Prisma CLI downloads and
// these machines cannot (see README.md here and docs/decisions/0002-offline-prisma-schema-engine.md).
// prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY at this file; the CLI then runs it exactly as
// it runs the binary:
//
//   schema-engine [--datamodels <schema file>]... [--datasource <json>] [cli <command>]
//
// - `--datamodels`: the Prisma schema files (absent for `migrate diff`).
// - `--datasource`: the config's datasource as JSON: `{ "url": ..., "shadowDatabaseUrl"?: ... }`.
// - `--version`: prints `schema-engine-cli <engines hash>` (shown by `prisma version`).
// - `cli can-connect-to-database` / `cli create-database`: one-shot commands. Exit 0 on success;
//   on failure exit 1 with JSON log lines on stderr: the CLI skips the first line and reads
//   `fields.error_code` and `fields.message` of the ERROR line (P1003 makes it create the database).
// - Otherwise a JSON-RPC 2.0 server: one request per line on stdin, one response per line on
//   stdout, JSON logs on stderr; the engine may also send the CLI a `print` request. Exit 0 when
//   stdin closes.
//
// The work is done by @prisma/schema-engine-wasm, Prisma's own Wasm build of the same engine (its
// version must carry the CLI's engines hash), talking to Postgres through @prisma/adapter-pg.
/* global WebAssembly */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import readline from 'node:readline';
import { setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';

/** One JSON log line on stderr, shaped like the native engine's logs. */
function log(level, message, fields = {}) {
  const line = { timestamp: new Date().toISOString(), level, fields: { message, ...fields } };
  process.stderr.write(`${JSON.stringify({ ...line, target: 'schema_engine::logger' })}\n`);
}

function parseArgs(argv) {
  const args = { datamodels: [], datasource: {}, command: undefined, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--datamodels') args.datamodels.push(argv[++i]);
    else if (arg === '--datasource') args.datasource = JSON.parse(argv[++i]);
    else if (arg === '--version' || arg === '-V') args.version = true;
    else if (arg === 'cli') args.command = argv[++i];
    else if (arg === '--enabled-preview-features' || arg === '--extension-types') i++; // unused
  }
  args.url = args.datasource.url ?? process.env.DATABASE_URL;
  return args;
}

// ---- Postgres ----------------------------------------------------------------------------------

// adapter-pg cannot type the `"char"` columns (oid 18) of the catalogs the engine introspects
// (`db pull`, drift checks fail with "Column type 'char' could not be deserialized"), and older
// releases mislabelled `name` (oid 19). Both arrive as strings: report them as `text` (oid 25).
const TEXT_OID = 25;
const TEXT_LIKE_OIDS = new Set([18, 19]);
const addFields = pg.Result.prototype.addFields;
pg.Result.prototype.addFields = function (fieldDescriptions) {
  addFields.call(this, fieldDescriptions); // builds the value parsers from the real types first
  for (const field of this.fields) {
    if (TEXT_LIKE_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
};

const databaseOf = (url) => decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
const schemaOf = (url) => new URL(url).searchParams.get('schema') ?? 'public';

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(url) {
  const database = databaseOf(url);
  await withClient(withDatabase(url, 'postgres'), (c) =>
    c.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`),
  );
  return database;
}

/** An adapter-pg connection to `url`, in the schema named by Prisma's `?schema=` parameter. */
async function connect(url) {
  const adapter = await new PrismaPg(
    { connectionString: url },
    { schema: schemaOf(url) },
  ).connect();
  // adapter-pg splits scripts on `;`, which breaks `$$` function bodies and string literals. Send a
  // script as one simple query instead, as the native engine does (Postgres runs it atomically).
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      adapter.onError(error); // rethrows it as a DriverAdapterError the engine understands
    }
  };
  return adapter;
}

/**
 * The adapter factory the Wasm engine gets all its connections from: the main database, and the
 * shadow database it replays the migrations into (`migrate dev`, `migrate diff --from-migrations`).
 * The Wasm engine leaves the shadow database to the factory, so, as the native engine does, use
 * `shadowDatabaseUrl` (emptied first) if configured, else a temporary database created next to the
 * main one (needs CREATEDB) and dropped when the engine disposes of it.
 */
function adapterFactory({ url, shadowDatabaseUrl }) {
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connect(url),
    async connectToShadowDb() {
      if (shadowDatabaseUrl) {
        const main = new URL(url);
        const shadow = new URL(shadowDatabaseUrl);
        if (main.host === shadow.host && databaseOf(url) === databaseOf(shadowDatabaseUrl)) {
          throw new Error('The shadow database you configured is the main database.');
        }
        const schema = pg.escapeIdentifier(schemaOf(shadowDatabaseUrl));
        await withClient(shadowDatabaseUrl, (c) =>
          c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`),
        );
        return connect(shadowDatabaseUrl);
      }
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await withClient(url, (c) => c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
      const adapter = await connect(withDatabase(url, name));
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose(); // closes the pool: Postgres cannot drop a database in use
        await withClient(url, (c) =>
          c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`),
        );
      };
      return adapter;
    },
  };
}

// ---- The Wasm engine ---------------------------------------------------------------------------

// The Wasm module reports a Rust panic's message here just before it throws.
let panicMessage;
globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message) {
    panicMessage = message;
  },
};

// The package's entry point imports the .wasm file as an ES module (bundler style), which Node
// does not support; instantiate it by hand against the package's JS glue instead.
async function loadWasm() {
  const glue = import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = await readFile(new URL('schema_engine_bg.wasm', glue));
  const { instance } = await WebAssembly.instantiate(bytes, {
    './schema_engine_bg.js': wasmBindings,
  });
  wasmBindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return wasmBindings;
}

// Without schema files (`migrate diff`) the engine panics; it only needs the provider.
const MINIMAL_SCHEMA = 'datasource db {\n  provider = "postgresql"\n}\n';

async function startEngine(args) {
  const { SchemaEngine } = await loadWasm();
  const datamodels = await Promise.all(
    args.datamodels.map(async (path) => [path, await readFile(path, 'utf8')]),
  );
  if (datamodels.length === 0) datamodels.push(['schema.prisma', MINIMAL_SCHEMA]);
  const factory = bindMigrationAwareSqlAdapterFactory(
    adapterFactory({ url: args.url, shadowDatabaseUrl: args.datasource.shadowDatabaseUrl }),
  );
  const debug = (message) => process.env.DEBUG && log('DEBUG', String(message));
  return SchemaEngine.new({ datamodels }, debug, factory);
}

// ---- `cli <command>` ---------------------------------------------------------------------------

async function runCliCommand({ command, url }) {
  log('INFO', `Starting schema engine CLI command ${command}`); // the CLI skips the first line
  try {
    if (command === 'can-connect-to-database') {
      await withClient(url, (c) => c.query('SELECT 1'));
    } else if (command === 'create-database') {
      const database = await createDatabase(url);
      process.stdout.write(`Database '${database}' was successfully created.\n`);
    } else {
      throw new Error(`Unsupported command: cli ${command}`);
    }
  } catch (error) {
    if (error.code === '3D000') {
      log('ERROR', `Database \`${databaseOf(url)}\` does not exist`, { error_code: 'P1003' });
    } else {
      log('ERROR', String(error.message), { error_code: 'P1001' });
    }
    process.exitCode = 1;
  }
}

// ---- JSON-RPC server ---------------------------------------------------------------------------

/** Turns an error thrown by the Wasm engine into the JSON-RPC error the CLI expects. */
function rpcError(error) {
  const isPanic = panicMessage !== undefined || error instanceof WebAssembly.RuntimeError;
  const message = String((isPanic && panicMessage) || error.message);
  panicMessage = undefined;
  const data = { is_panic: isPanic, message, meta: error.meta ?? null };
  if (error.code) data.error_code = error.code; // user-facing errors: P3005, P3006, …
  return { code: 4466, message: 'An error happened. Check the data field for details.', data };
}

function send(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function serveRpc(args) {
  // The Wasm engine connects as it starts (to read the server version), even for commands the
  // native engine runs without a database; if that fails, every request gets the error.
  const starting = startEngine(args);
  starting.catch(() => {});
  let printCount = 0;

  async function call(method, params) {
    if (method === 'createDatabase') return { databaseName: await createDatabase(args.url) };
    const engine = await starting;
    // evaluateDataLoss and createMigration take the schema the migrations produce from a cache that
    // only devDiagnostic fills (by replaying them into a shadow database, which it skips while the
    // database lags behind, as before `migrate dev` applies pending migrations). Fill it first.
    if (method === 'evaluateDataLoss' || method === 'createMigration') {
      await engine.devDiagnostic({
        migrationsList: params.migrationsList,
        filters: params.filters,
      });
    }
    const name = method === 'getDatabaseVersion' ? 'version' : method;
    if (typeof engine[name] !== 'function') throw new Error(`Unknown method: ${method}`);
    const result = (await engine[name](params)) ?? {}; // call it on `engine`: a Wasm binding
    // The Wasm engine returns the diff; the native engine has the CLI print it.
    if (method === 'diff' && result.stdout) {
      const content = result.stdout.replace(/\n$/, ''); // the CLI adds a newline
      send({ jsonrpc: '2.0', id: `print-${++printCount}`, method: 'print', params: { content } });
      return { ...result, stdout: null };
    }
    return result;
  }

  // Requests are answered one at a time, in order, as the native engine does.
  let queue = Promise.resolve();
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    const request = JSON.parse(line);
    if (!request.method) return; // the CLI acknowledging a `print`
    queue = queue.then(async () => {
      try {
        send({
          jsonrpc: '2.0',
          id: request.id,
          result: await call(request.method, request.params),
        });
      } catch (error) {
        log('ERROR', String(error.message));
        send({ jsonrpc: '2.0', id: request.id, error: rpcError(error) });
      }
    });
  });
  await new Promise((resolve) => lines.on('close', resolve));
  await queue;
  await starting.then(
    (engine) => engine.free(),
    () => {},
  );
}

// ---- Main --------------------------------------------------------------------------------------

const args = parseArgs(process.argv.slice(2));
try {
  if (args.version) {
    process.stdout.write(`schema-engine-cli ${(await loadWasm()).version()}\n`);
  } else if (args.command) {
    await runCliCommand(args);
  } else {
    await serveRpc(args);
  }
} catch (error) {
  log('ERROR', String(error?.message ?? error));
  process.exitCode = 1;
}
// Idle pg pools must not keep the process alive once the CLI is done with it.
setTimeout(() => process.exit(), 1000).unref();

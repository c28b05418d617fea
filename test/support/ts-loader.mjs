// A Node module hook that runs podroom's TypeScript sources as real OS processes, with decorator
// metadata (which tsx cannot emit, so Nest's dependency injection fails under it): each `.ts` file
// is transpiled on load by TypeScript itself with the project's settings, `./x.js` imports resolve
// to `./x.ts`, and `@podroom/<lib>` to `libs/<lib>/src/index.ts`, as in jest.config.ts.
// Used by test/support/server-process.ts: `node --import ./test/support/ts-register.mjs main.ts`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL, URL } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const compilerOptions = {
  target: ts.ScriptTarget.ES2023,
  module: ts.ModuleKind.ESNext,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  isolatedModules: true,
  esModuleInterop: true,
  inlineSourceMap: true,
};
const LIBS = /^@podroom\/(simulation|quiz|contracts)$/;

export async function resolve(specifier, context, nextResolve) {
  const lib = LIBS.exec(specifier);
  if (lib) {
    const file = path.join(root, 'libs', lib[1], 'src', 'index.ts');
    return { url: pathToFileURL(file).href, shortCircuit: true, format: 'module' };
  }
  if (
    (specifier.startsWith('.') || specifier.startsWith('/')) &&
    specifier.endsWith('.js') &&
    context.parentURL?.startsWith('file:')
  ) {
    const candidate = fileURLToPath(new URL(specifier.slice(0, -3) + '.ts', context.parentURL));
    if (existsSync(candidate)) {
      return { url: pathToFileURL(candidate).href, shortCircuit: true, format: 'module' };
    }
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions,
    fileName: file,
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}

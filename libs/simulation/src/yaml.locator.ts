/** Parses YAML into plain values while remembering where each field was written. */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { ScenarioError, SourcePosition } from './simulation.types.js';

/** A YAML document as plain JSON plus a map from field path to source position. */
export interface LocatedDocument {
  value: unknown;
  /** Path (`spec.ports[0].port`) → position of the key (or of the item for sequences). */
  positions: Map<string, SourcePosition>;
  /** Position of the document's first content. */
  start: SourcePosition;
  /** Position of each scalar value by path, e.g. to point into a block scalar. */
  valuePositions: Map<string, SourcePosition>;
}

/** Result of {@link parseLocatedYaml}. */
export interface LocatedParse {
  documents: LocatedDocument[];
  errors: ScenarioError[];
}

/** Joins a field path: `a` + `b` → `a.b`; numbers become `[n]`. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

/**
 * Parses a (multi-document) YAML text. `lineOffset` shifts the reported lines, for YAML embedded in
 * a block scalar of another file.
 */
export function parseLocatedYaml(text: string, lineOffset = 0, columnOffset = 0): LocatedParse {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true });
  const pos = (offset: number): SourcePosition => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + lineOffset, column: p.col + columnOffset };
  };
  const errors: ScenarioError[] = [];
  const documents: LocatedDocument[] = [];
  if (!Array.isArray(docs)) return { documents, errors };
  for (const doc of docs) {
    for (const e of doc.errors) {
      const at = pos(e.pos[0]);
      errors.push({ ...at, message: e.message.split('\n')[0] ?? e.message });
    }
    if (doc.errors.length > 0) continue;
    if (doc.contents === null) continue;
    const positions = new Map<string, SourcePosition>();
    const valuePositions = new Map<string, SourcePosition>();
    const walk = (node: unknown, path: string): void => {
      if (isMap(node)) {
        for (const item of node.items) {
          if (!isPair(item)) continue;
          const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
          const childPath = joinPath(path, key);
          const keyNode = item.key as YamlNode | null;
          if (keyNode?.range) positions.set(childPath, pos(keyNode.range[0]));
          walk(item.value, childPath);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => {
          const childPath = joinPath(path, i);
          const n = item as YamlNode | null;
          if (n?.range) positions.set(childPath, pos(n.range[0]));
          walk(item, childPath);
        });
      } else if (isScalar(node) && node.range) {
        valuePositions.set(path, pos(node.range[0]));
      }
    };
    walk(doc.contents, '');
    const range = (doc.contents as YamlNode).range;
    documents.push({
      value: doc.toJS({ maxAliasCount: 100 }),
      positions,
      valuePositions,
      start: range ? pos(range[0]) : { line: 1 + lineOffset, column: 1 },
    });
  }
  return { documents, errors };
}

/** The position recorded for `path`, or for its nearest recorded ancestor. */
export function positionOf(doc: LocatedDocument, path: string): SourcePosition {
  let p = path;
  for (;;) {
    const found = doc.positions.get(p);
    if (found) return found;
    if (p === '') return doc.start;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut <= 0 ? '' : p.slice(0, cut);
  }
}

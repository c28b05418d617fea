import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/**
 * Finds where a field of a parsed YAML document was written, from its path as validators name it
 * (`questions[2].options[1].id`), so that an error can point to the line of the imported file.
 * Pure.
 */

/** A 1-based position in the YAML text. */
export interface TextPosition {
  line: number;
  column: number;
}

/** Where a path was found: `exact` is false when only an ancestor exists (a missing field). */
export interface LocatedPath extends TextPosition {
  exact: boolean;
  /** The node at the path when `exact`. */
  node?: Node;
}

/** `questions[2].options[1].id` → `['questions', 2, 'options', 1, 'id']`. */
export function parseFieldPath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      segments.push(part);
      continue;
    }
    if (match[1]) segments.push(match[1]);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

/**
 * The line and column of `path` in `doc`: of the mapping key for a field, of the item for a list
 * element. A path that goes further than the document (a missing field) answers the position of
 * the deepest part that exists, with `exact: false`.
 */
export function locatePath(doc: Document, lineCounter: LineCounter, path: string): LocatedPath {
  const position = (offset: number): TextPosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  let node: unknown = doc.contents;
  let found: TextPosition = position((doc.contents as Node | null)?.range?.[0] ?? 0);
  for (const segment of parseFieldPath(path)) {
    let next: { at: number | undefined; node: unknown } | undefined;
    if (isMap(node) && typeof segment === 'string') {
      const pair = node.items.find(
        (item) =>
          isPair(item) && String(isScalar(item.key) ? item.key.value : item.key) === segment,
      );
      if (pair) next = { at: (pair.key as Node | null)?.range?.[0], node: pair.value };
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (item) next = { at: item.range?.[0], node: item };
    }
    if (!next) return { ...found, exact: false };
    if (next.at !== undefined) found = position(next.at);
    node = next.node;
  }
  return { ...found, exact: true, ...(node ? { node: node as Node } : {}) };
}

import { Document, isScalar, LineCounter, parseDocument, Scalar } from 'yaml';
import type { CheckedLesson, LessonDraft, LessonProblem } from './lesson.checker.js';
import { locatePath } from './yaml-path.locator.js';

/**
 * A lesson as one YAML file (docs/lessons.md, "The lesson file"): `format`, `title`, the scenario
 * as a literal block string (`scenario: |`, the scenario file exactly as written, indented),
 * `timeline`, `questions` (concept tags and misconception notes included) and `scoring`. Export
 * and import round-trip to an equal lesson. Pure.
 */

/** The `format` line of a lesson file; a file without one is read as this format. */
export const LESSON_FILE_FORMAT = 'podroom-lesson/1';

/** The fields of a lesson file, in the order they are written. */
const FIELDS = ['format', 'title', 'scenario', 'timeline', 'questions', 'scoring'] as const;

/** The lesson as a YAML file. */
export function exportLessonFile(lesson: CheckedLesson): string {
  const doc = new Document({
    format: LESSON_FILE_FORMAT,
    title: lesson.title,
    scenario: lesson.scenarioYaml,
    timeline: lesson.timeline,
    questions: lesson.questions,
    scoring: lesson.scoring,
  });
  const scenario = doc.get('scenario', true);
  if (isScalar(scenario)) scenario.type = Scalar.BLOCK_LITERAL;
  doc.commentBefore =
    ' A podroom lesson (docs/lessons.md). Import it with POST /lessons/import.\n' +
    ' `scenario` is the simulation scenario; `questions` are the authored ones (answer keys included).';
  return doc.toString({ lineWidth: 0 });
}

/** A parsed lesson file: the draft to check, and how to point a problem back into the file. */
export type ParsedLessonFile =
  | { ok: true; draft: LessonDraft; describe: (problem: LessonProblem) => string }
  | { ok: false; details: string[] };

/**
 * Reads a lesson file. YAML syntax errors and unknown top-level fields come back as `details`
 * (`line 3, column 1: …`); the draft's own problems are found by the checker and described with
 * `describe` (`line 14, questions[1].answer: …`).
 */
export function parseLessonFile(text: string): ParsedLessonFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      details: doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return `line ${line}, column ${col}: ${e.message.split('\n')[0]}`;
      }),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, details: [`line 1: ${error instanceof Error ? error.message : error}`] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      details: [`line 1: a lesson file is a YAML mapping with ${FIELDS.slice(1).join(', ')}`],
    };
  }
  const fields = value as Record<string, unknown>;
  const lineOf = (path: string) => locatePath(doc, lineCounter, path).line;
  const details: string[] = [];
  for (const key of Object.keys(fields)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      details.push(
        `line ${lineOf(key)}, ${key}: is not a field of a lesson file (fields: ${FIELDS.join(', ')})`,
      );
    }
  }
  if (fields.format !== undefined && fields.format !== LESSON_FILE_FORMAT) {
    details.push(
      `line ${lineOf('format')}, format: must be ${JSON.stringify(LESSON_FILE_FORMAT)}, got ${JSON.stringify(fields.format)}`,
    );
  }
  if (details.length > 0) return { ok: false, details };

  const draft: LessonDraft = {
    title: fields.title,
    scenarioYaml: fields.scenario,
    ...(fields.timeline !== undefined && { timeline: fields.timeline }),
    ...(fields.questions !== undefined && { questions: fields.questions }),
    ...(fields.scoring !== undefined && { scoring: fields.scoring }),
  };
  const scenario = locatePath(doc, lineCounter, 'scenario');
  const scenarioNode = scenario.node;
  /** Line and column in the file of a position inside the scenario text, when it maps exactly. */
  const inScenario = (at: { line: number; column: number }) => {
    if (!scenarioNode || !isScalar(scenarioNode) || scenarioNode.type !== Scalar.BLOCK_LITERAL)
      return undefined;
    // A literal block's text starts on the line after its `|` header, at the block's indentation:
    // the header's indentation indicator (`|2`, counted from the key's indentation), else the
    // indentation of its first non-blank line.
    const header = lineCounter.linePos(scenarioNode.range![0]);
    const lines = text.split(/\r?\n/);
    const head = /^[|>](?:[-+]?(\d)|(\d)[-+])/.exec(lines[header.line - 1]!.slice(header.col - 1));
    const indicator = head?.[1] ?? head?.[2];
    const firstContent = lines.slice(header.line).find((l) => l.trim() !== '') ?? '';
    const indent = indicator
      ? scenario.column - 1 + Number(indicator)
      : firstContent.length - firstContent.trimStart().length;
    return { line: header.line + at.line, column: indent + at.column };
  };
  const describe = (problem: LessonProblem): string => {
    const path = problem.path.replace(/^scenarioYaml/, 'scenario');
    if (problem.at) {
      const mapped = inScenario(problem.at);
      if (mapped)
        return `line ${mapped.line}, column ${mapped.column}, ${path}: ${problem.message}`;
      return `line ${scenario.line}, ${path} (its line ${problem.at.line}, column ${problem.at.column}): ${problem.message}`;
    }
    return `line ${lineOf(path)}, ${path}: ${problem.message}`;
  };
  return { ok: true, draft, describe };
}

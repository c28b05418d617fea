import { LineCounter, parseDocument } from 'yaml';
import { locatePath, parseFieldPath } from './yaml-path.locator.js';

const FILE = `title: DNS
questions:
  - id: q1
    type: single
    options:
      - id: a
        text: A
      - { id: b, text: B }
    answer: a
  - id: q2
    type: "true-false"
    misconceptions:
      true: thinks so
`;

const locate = (path: string) => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(FILE, { lineCounter });
  const { line, column, exact } = locatePath(doc, lineCounter, path);
  return { line, column, exact };
};

describe('parseFieldPath', () => {
  it('splits fields and indexes', () => {
    expect(parseFieldPath('questions[2].options[1].id')).toEqual([
      'questions',
      2,
      'options',
      1,
      'id',
    ]);
    expect(parseFieldPath('timeline.cues[0][1]')).toEqual(['timeline', 'cues', 0, 1]);
    expect(parseFieldPath('title')).toEqual(['title']);
    expect(parseFieldPath('misconceptions.kube-proxy')).toEqual(['misconceptions', 'kube-proxy']);
  });
});

describe('locatePath', () => {
  it('finds a field by its key, a list item by its dash', () => {
    expect(locate('title')).toEqual({ line: 1, column: 1, exact: true });
    expect(locate('questions[0].answer')).toEqual({ line: 9, column: 5, exact: true });
    expect(locate('questions[0].options[1]')).toEqual({ line: 8, column: 9, exact: true });
    expect(locate('questions[1]')).toEqual({ line: 10, column: 5, exact: true });
  });

  it('finds fields of flow mappings and non-string keys', () => {
    expect(locate('questions[0].options[1].text')).toEqual({ line: 8, column: 18, exact: true });
    expect(locate('questions[1].misconceptions.true')).toEqual({
      line: 13,
      column: 7,
      exact: true,
    });
  });

  it('answers the deepest part that exists for a missing field', () => {
    expect(locate('questions[1].answer')).toEqual({ line: 10, column: 5, exact: false });
    expect(locate('questions[5].id')).toEqual({ line: 2, column: 1, exact: false });
    expect(locate('scenario')).toEqual({ line: 1, column: 1, exact: false });
    expect(locate('title.deeper')).toEqual({ line: 1, column: 1, exact: false });
  });
});

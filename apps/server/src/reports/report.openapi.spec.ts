import type { SchemaObject } from '@nestjs/swagger';
import { resolveScoringOptions } from '@podroom/quiz';
import { buildClassReport } from './class-report.builder.js';
import { sessionRecord } from './report.fixtures.js';
import { ClassReportSchema, RoomReportSchema } from './report.openapi.js';
import { buildSessionReport } from './session-report.builder.js';

/** Every place where `value` does not fit `schema` (properties, required keys, types). */
function misfits(schema: SchemaObject, value: unknown, at = '$'): string[] {
  if (value === null) return schema.nullable ? [] : [`${at}: null`];
  if (!schema.type) return []; // any value
  if (schema.type === 'array') {
    if (!Array.isArray(value)) return [`${at}: not an array`];
    return value.flatMap((v, i) => misfits(schema.items as SchemaObject, v, `${at}[${i}]`));
  }
  if (schema.type === 'object') {
    if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: not an object`];
    const properties = schema.properties as Record<string, SchemaObject>;
    const keys = Object.keys(value);
    return [
      ...keys.filter((k) => !(k in properties)).map((k) => `${at}.${k}: not documented`),
      ...(schema.required ?? []).filter((k) => !keys.includes(k)).map((k) => `${at}.${k}: missing`),
      ...keys
        .filter((k) => k in properties)
        .flatMap((k) =>
          misfits(properties[k]!, (value as Record<string, unknown>)[k], `${at}.${k}`),
        ),
    ];
  }
  const type = schema.type === 'integer' ? 'number' : schema.type;
  if (typeof value !== type) return [`${at}: ${typeof value}, documented ${schema.type}`];
  if (schema.type === 'integer' && !Number.isInteger(value)) return [`${at}: not an integer`];
  return [];
}

describe('the reports’ OpenAPI schemas', () => {
  const scoring = resolveScoringOptions();
  const session = sessionRecord();

  it('describe a session report exactly', () => {
    const report = buildSessionReport({ session, lessonTitle: 'Services', scoring });
    expect(misfits(RoomReportSchema, report)).toEqual([]);
    expect(misfits(RoomReportSchema, { ...report, extra: 1 })).toEqual(['$.extra: not documented']);
  });

  it('describe a class report exactly', () => {
    const report = buildClassReport({
      klass: {
        id: 'c',
        name: 'C',
        instructorId: 't',
        roster: [{ studentId: 'S1', displayName: 'A' }],
      },
      sessions: [{ session, lessonTitle: 'Services', scoring }],
    });
    expect(report.wrongOptions.length).toBeGreaterThan(0);
    expect(report.concepts.length).toBeGreaterThan(0);
    expect(misfits(ClassReportSchema, report)).toEqual([]);
  });
});

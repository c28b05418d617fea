import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import {
  CreateRoomDto,
  GotoStepDto,
  JoinRoomDto,
  OpenQuestionDto,
  SubmitAnswerDto,
} from './room.dto.js';

const flatten = (errors: ValidationError[]): string[] =>
  errors.flatMap((e) => [...Object.values(e.constraints ?? {}), ...flatten(e.children ?? [])]);

const problems = <T extends object>(cls: new () => T, plain: unknown): string[] =>
  flatten(
    validateSync(plainToInstance(cls, plain) as object, {
      whitelist: true,
      forbidNonWhitelisted: true,
    }),
  );

const QUESTION_ID = '5b0f7d8e-6a55-4c3e-9d2a-0f5f0d4a1b2c';

describe('socket payload DTOs', () => {
  it('accepts a join with a 6-digit code', () => {
    expect(problems(JoinRoomDto, { code: '012345', nickname: 'Ada' })).toEqual([]);
  });

  it.each([
    [{ code: '12345', nickname: 'Ada' }],
    [{ code: 123456, nickname: 'Ada' }],
    [{ code: '123456' }],
    [{ code: '123456', nickname: 'Ada', admin: true }],
  ])('refuses the join %j', (plain) => {
    expect(problems(JoinRoomDto, plain)).not.toEqual([]);
  });

  it.each([['o1'], [true], [42.5], [['a', 'b']], [[]]])('accepts the answer value %j', (value) => {
    expect(problems(SubmitAnswerDto, { questionId: QUESTION_ID, value })).toEqual([]);
  });

  it.each([
    [null],
    [''],
    [Number.NaN],
    [{ id: 'o1' }],
    [[1, 2]],
    ['x'.repeat(201)],
    [Array.from({ length: 51 }, (_, i) => `o${i}`)],
  ])('refuses the answer value %j', (value) => {
    expect(problems(SubmitAnswerDto, { questionId: QUESTION_ID, value })).not.toEqual([]);
  });

  it('bounds host moves', () => {
    expect(problems(GotoStepDto, { version: 3, index: 2 })).toEqual([]);
    expect(problems(GotoStepDto, { version: -1, index: 2 })).not.toEqual([]);
    expect(problems(GotoStepDto, { version: 1.5, index: 2 })).not.toEqual([]);
    expect(
      problems(OpenQuestionDto, { version: 0, questionKey: 'q', timeLimitSec: 4 }),
    ).not.toEqual([]);
    expect(problems(OpenQuestionDto, { version: 0, questionKey: 'q', timeLimitSec: 240 })).toEqual(
      [],
    );
  });

  it('validates room settings, nested', () => {
    expect(
      problems(CreateRoomDto, {
        lessonKey: 'pod-to-pod',
        settings: { speedScoring: false, extraTime: [{ nickname: 'Ada', factor: 1.5 }] },
      }),
    ).toEqual([]);
    expect(
      problems(CreateRoomDto, {
        lessonKey: 'pod-to-pod',
        settings: { extraTime: [{ nickname: 'Ada', factor: 20 }] },
      }),
    ).not.toEqual([]);
  });
});

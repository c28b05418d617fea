import { ESLint } from 'eslint';

// The rules that keep the codebase easy to change (architecture.md) are enforced by ESLint; these
// tests make sure the enforcement itself holds.

const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('architecture rules', () => {
  it.each([
    ["import { Injectable as x } from '@nestjs/common';", 'framework-free'],
    ["import { PrismaClient as x } from '@prisma/client';", 'Prisma'],
    ["import { Server as x } from 'socket.io';", 'transport'],
    ["import x from 'pg';", 'database'],
  ])('libs/ may not %s', async (statement, reason) => {
    for (const lib of ['simulation', 'quiz', 'contracts']) {
      const found = await problems(`libs/${lib}/src/example.ts`, `${statement}\nexport { x };\n`);
      expect(found).toEqual([
        expect.stringMatching(new RegExp(`no-restricted-imports: .*${reason}`)),
      ]);
    }
  });

  it.each([
    ['Math.random()', 'seed'],
    ['Date.now()', 'now'],
  ])('libs/ may not call %s', async (call, reason) => {
    const found = await problems('libs/quiz/src/example.ts', `export const x = ${call};\n`);
    expect(found).toEqual([
      expect.stringMatching(new RegExp(`no-restricted-properties: .*${reason}`)),
    ]);
  });

  it('lets the server use Nest and the clock', async () => {
    const code =
      "import { Injectable } from '@nestjs/common';\nexport const x = [Injectable, Date.now()];\n";
    expect(await problems('apps/server/src/example.ts', code)).toEqual([]);
  });

  it('keeps Prisma inside repositories', async () => {
    const code =
      "import { PrismaClient } from '../generated/prisma/client.js';\nexport const x = PrismaClient;\n";
    expect(await problems('apps/server/src/rooms/rooms.service.ts', code)).toEqual([
      expect.stringMatching(/no-restricted-imports: .*repository/),
    ]);
    expect(await problems('apps/server/src/rooms/rooms.repository.ts', code)).toEqual([]);
  });
});

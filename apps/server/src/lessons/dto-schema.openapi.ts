import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
// @ts-expect-error -- the CommonJS build's storage (the one @Type writes to) has no .d.ts there
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';
import { getMetadataStorage } from 'class-validator';

/**
 * The payload DTOs live in libs/contracts, which must not import Nest (architecture rule 1), so
 * they carry class-validator decorators only. This documents them for @nestjs/swagger from those
 * very decorators: each validated property gets an `@ApiProperty` with its type, whether it is
 * required, and its bounds (`IsString` → string, `IsInt` + `Min`/`Max` → integer with minimum and
 * maximum, `IsIn` → enum, `ValidateNested` + `@Type` → the nested DTO, `each: true` → array
 * items, …). Extra options (descriptions, custom validators) come per `Class.property`.
 */

type Dto = abstract new (...args: never[]) => object;
type Schema = Record<string, unknown>;

/** class-validator's `ValidationTypes` of `@IsOptional` and `@ValidateNested`. */
const CONDITIONAL = 'conditionalValidation';
const NESTED = 'nestedValidation';
/** Where class-transformer's `@Type(() => Dto)` records nested DTO classes. */
const typeMetadata = defaultMetadataStorage as MetadataStorage;

/** Adds `@ApiProperty` to every validated property of `dtos` (and of the DTOs nested in them). */
export function documentDtos(
  dtos: Dto[],
  extra: Record<string, ApiPropertyOptions & Schema> = {},
): void {
  /** Extra options for `Class.property`, or for the class it extends. */
  const extraFor = (dto: Dto, property: string) => {
    for (let c: unknown = dto; typeof c === 'function' && c.name; c = Object.getPrototypeOf(c)) {
      const found = extra[`${c.name}.${property}`];
      if (found) return found;
    }
    return {};
  };
  const seen = new Set<Dto>();
  const visit = (dto: Dto) => {
    if (seen.has(dto)) return;
    seen.add(dto);
    const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
    const byProperty = new Map<string, typeof metadata>();
    for (const m of metadata) {
      byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
    }
    for (const [property, rules] of byProperty) {
      const own: Schema = {};
      const items: Schema = {};
      let isArray = false;
      let nested: Dto | undefined;
      for (const rule of rules) {
        if (rule.type === NESTED) {
          nested = typeMetadata.findTypeMetadata(dto, property)?.typeFunction() as Dto;
          if (rule.each) isArray = true;
          continue;
        }
        if (rule.type === CONDITIONAL || !rule.name) continue;
        const target = rule.each ? items : own;
        if (rule.each) isArray = true;
        Object.assign(target, schemaOf(rule.name, rule.constraints ?? []));
        if (rule.name === 'isArray') isArray = true;
      }
      delete own.isArray;
      const required = !rules.some((r) => r.type === CONDITIONAL);
      let options: Schema;
      if (nested) {
        visit(nested);
        options = { ...own, type: isArray ? [nested] : nested };
      } else if (isArray) {
        options = { ...own, type: 'array', items: { type: 'string', ...items } };
      } else {
        options = { type: 'string', ...own };
      }
      ApiProperty({
        ...options,
        required,
        ...extraFor(dto, property),
      } as ApiPropertyOptions)(dto.prototype, property);
    }
  };
  dtos.forEach(visit);
}

/** The OpenAPI keywords a class-validator rule stands for. */
function schemaOf(name: string, constraints: unknown[]): Schema {
  const [a, b] = constraints;
  switch (name) {
    case 'isString':
      return { type: 'string' };
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber':
      return { type: 'number' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isObject':
      return { type: 'object' };
    case 'isArray':
      return { isArray: true };
    case 'isIn':
      return { enum: a };
    case 'isUUID':
      return { type: 'string', format: 'uuid' };
    case 'isEmail':
      return { type: 'string', format: 'email' };
    case 'min':
      return { minimum: a };
    case 'max':
      return { maximum: a };
    case 'isLength':
      return { minLength: a, ...(typeof b === 'number' && { maxLength: b }) };
    case 'minLength':
      return { minLength: a };
    case 'maxLength':
      return { maxLength: a };
    case 'arrayMaxSize':
      return { maxItems: a };
    case 'arrayMinSize':
      return { minItems: a };
    case 'matches':
      return a instanceof RegExp ? { pattern: a.source } : {};
    default:
      return {};
  }
}

import type { ErrorObject } from 'ajv';
import { entry as validate } from './schema-validators';
import type { CatalogIssue } from './types';
import { type EntryFile, fieldName, keyPositionOf, positionOf } from './yaml-file';

/** Schema errors for one parsed entry; the `if` wrapper of an if/then rule adds nothing the user can act on. */
export function validateEntry(data: unknown): ErrorObject[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).filter((error) => error.keyword !== 'if');
}

function pathOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'empty';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Turns an ajv error into a message that says what is wrong and what is allowed. */
export function describeSchemaError(file: EntryFile, error: ErrorObject): CatalogIssue {
  const at = pathOf(error.instancePath);
  const located = (
    fieldPath: (string | number)[],
    message: string,
    position = positionOf(file, fieldPath),
  ) => ({
    file: file.path,
    ...position,
    field: fieldName(fieldPath),
    message,
  });
  const params = error.params as Record<string, unknown>;
  const parent = error.parentSchema as { description?: string } | undefined;

  switch (error.keyword) {
    case 'required':
      return located(
        [...at, String(params.missingProperty)],
        'is required but missing',
        positionOf(file, at),
      );
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {}).join(
        ', ',
      );
      const key = String(params.additionalProperty);
      return located([...at, key], `unknown field; allowed here: ${allowed}`, keyPositionOf(file, at, key));
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).join(', ');
      return located(at, `${describeValue(error.data)} is not allowed; use one of: ${allowed}`);
    }
    case 'type':
      return located(
        at,
        `must be ${params.type === 'array' ? 'a list' : `a ${params.type}`}, not ${describeValue(error.data)}`,
      );
    case 'pattern':
      return located(
        at,
        `${describeValue(error.data)} is not valid; expected: ${parent?.description ?? `text matching ${params.pattern}`}`,
      );
    case 'maxLength':
    case 'minLength': {
      const length = [...String(error.data)].length;
      const bound = error.keyword === 'maxLength' ? 'at most' : 'at least';
      return located(at, `is ${length} characters long; ${bound} ${params.limit} allowed`);
    }
    case 'maxItems':
    case 'minItems': {
      const bound = error.keyword === 'maxItems' ? 'at most' : 'at least';
      return located(at, `has ${(error.data as unknown[]).length} items; ${bound} ${params.limit} allowed`);
    }
    case 'uniqueItems':
      return located([...at, Number(params.i)], `repeats item ${params.j}; items must be unique`);
    default:
      return located(at, error.message ?? 'is not valid');
  }
}

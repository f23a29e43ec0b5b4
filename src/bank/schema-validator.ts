/**
 * A small JSON Schema (draft-07) interpreter for the keywords `bank.schema.json` uses,
 * so the schema file stays the single source of truth for what a bank file may hold
 * without bundling a full validator. A schema that uses any other keyword is rejected
 * when it is compiled, so the schema can never silently ask for a check this does not do.
 */

/** A JSON Schema as parsed from a file. */
export type JsonSchema = { [keyword: string]: unknown };

/** Where in the validated value a problem is: property names and array indexes. */
export type JsonPath = ReadonlyArray<string | number>;

/** One failed keyword, at the location of the value it failed on (as ajv reports it). */
export interface SchemaError {
  path: JsonPath;
  keyword: string;
  message: string;
}

/** Checks a value against a compiled schema; an empty list means it is valid. */
export type SchemaValidator = (value: unknown) => SchemaError[];

const CHECKED_KEYWORDS = new Set([
  'type',
  'required',
  'properties',
  'additionalProperties',
  'items',
  '$ref',
  'definitions',
  'minItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'enum',
  'minimum',
  'maximum',
]);
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', 'examples', '$comment']);
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const REF_PREFIX = '#/definitions/';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `questions[3].keyPoints`, or `""` for the root. */
export function formatPath(path: JsonPath): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) text += text ? `.${part}` : part;
    else text += `[${JSON.stringify(part)}]`;
  }
  return text;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeOf(value) === type;
  }
}

/** Structural equality of JSON values, for `enum` and `uniqueItems`. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
const article = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** Rejects keywords and forms this interpreter does not implement; walks every subschema. */
function assertSupported(schema: unknown, where: string, root: JsonSchema): void {
  if (typeof schema === 'boolean') return;
  if (!isObject(schema)) throw new Error(`${where}: a schema must be an object`);
  for (const keyword of Object.keys(schema)) {
    if (!CHECKED_KEYWORDS.has(keyword) && !ANNOTATIONS.has(keyword)) throw new Error(`${where}: unsupported JSON Schema keyword "${keyword}"`);
  }
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  for (const type of types) if (!TYPES.has(type as string)) throw new Error(`${where}: unknown type ${JSON.stringify(type)}`);
  if (schema.pattern !== undefined) new RegExp(schema.pattern as string, 'u');
  if (schema.$ref !== undefined) {
    const ref = schema.$ref as string;
    if (!ref.startsWith(REF_PREFIX) || !isObject(root.definitions) || !Object.hasOwn(root.definitions, ref.slice(REF_PREFIX.length))) {
      throw new Error(`${where}: unsupported or unresolved $ref ${JSON.stringify(ref)}; only ${REF_PREFIX}<name> is supported`);
    }
  }
  if (schema.items !== undefined) {
    if (Array.isArray(schema.items)) throw new Error(`${where}: tuple "items" is not supported`);
    assertSupported(schema.items, `${where}/items`, root);
  }
  if (isObject(schema.additionalProperties)) assertSupported(schema.additionalProperties, `${where}/additionalProperties`, root);
  for (const group of ['properties', 'definitions'] as const) {
    const children = schema[group];
    if (children === undefined) continue;
    if (!isObject(children)) throw new Error(`${where}/${group}: must be an object`);
    for (const [name, child] of Object.entries(children)) assertSupported(child, `${where}/${group}/${name}`, root);
  }
}

/**
 * Compiles a schema into a validator that reports every failed keyword (like ajv with
 * `allErrors`), each at the path of the value it failed on. Throws when the schema uses
 * a keyword outside the supported subset.
 */
export function compileSchema(root: JsonSchema): SchemaValidator {
  assertSupported(root, '#', root);
  const patterns = new Map<string, RegExp>();
  const regexFor = (source: string): RegExp => {
    let regex = patterns.get(source);
    if (!regex) patterns.set(source, (regex = new RegExp(source, 'u')));
    return regex;
  };

  const check = (schema: unknown, value: unknown, path: JsonPath, errors: SchemaError[]): void => {
    if (schema === true) return;
    if (schema === false) {
      errors.push({ path, keyword: 'false schema', message: 'is not allowed here' });
      return;
    }
    const s = schema as JsonSchema;
    const fail = (keyword: string, message: string, at: JsonPath = path): void => {
      errors.push({ path: at, keyword, message });
    };

    if (s.$ref !== undefined) {
      check((root.definitions as JsonSchema)[(s.$ref as string).slice(REF_PREFIX.length)], value, path, errors);
    }
    if (s.type !== undefined) {
      const types = (Array.isArray(s.type) ? s.type : [s.type]) as string[];
      if (!types.some((type) => hasType(value, type))) fail('type', `must be ${types.map(article).join(' or ')}, not ${article(typeOf(value))}`);
    }
    if (s.enum !== undefined) {
      const allowed = s.enum as unknown[];
      if (!allowed.some((option) => jsonEqual(option, value))) fail('enum', `must be one of ${allowed.map((option) => JSON.stringify(option)).join(', ')}, not ${JSON.stringify(value)}`);
    }

    if (typeof value === 'string') {
      // Length in code points, as JSON Schema counts it.
      const length = [...value].length;
      if (typeof s.minLength === 'number' && length < s.minLength) fail('minLength', `must be at least ${plural(s.minLength, 'character')} long (it has ${length})`);
      if (typeof s.maxLength === 'number' && length > s.maxLength) fail('maxLength', `must be at most ${plural(s.maxLength, 'character')} long (it has ${length})`);
      if (typeof s.pattern === 'string' && !regexFor(s.pattern).test(value)) fail('pattern', `${JSON.stringify(value)} must match the pattern ${s.pattern}`);
    }

    if (typeof value === 'number') {
      if (typeof s.minimum === 'number' && value < s.minimum) fail('minimum', `must be at least ${s.minimum}, not ${value}`);
      if (typeof s.maximum === 'number' && value > s.maximum) fail('maximum', `must be at most ${s.maximum}, not ${value}`);
    }

    if (Array.isArray(value)) {
      if (typeof s.minItems === 'number' && value.length < s.minItems) fail('minItems', `must have at least ${plural(s.minItems, 'item')} (it has ${value.length})`);
      if (s.uniqueItems === true) {
        const seen: unknown[] = [];
        for (const item of value) {
          if (seen.some((other) => jsonEqual(other, item))) {
            fail('uniqueItems', `must not repeat an item (${JSON.stringify(item)} appears more than once)`);
            break;
          }
          seen.push(item);
        }
      }
      if (s.items !== undefined) value.forEach((item, index) => check(s.items, item, [...path, index], errors));
    }

    if (isObject(value)) {
      for (const name of (s.required as string[] | undefined) ?? []) {
        if (!Object.hasOwn(value, name)) fail('required', `missing required property "${name}"`);
      }
      const properties = (s.properties as Record<string, unknown> | undefined) ?? {};
      for (const [name, child] of Object.entries(value)) {
        if (Object.hasOwn(properties, name)) check(properties[name], child, [...path, name], errors);
        else if (s.additionalProperties === false) fail('additionalProperties', `has an unknown property "${name}"${Object.keys(properties).length ? `; allowed: ${Object.keys(properties).join(', ')}` : ''}`);
        else if (isObject(s.additionalProperties)) check(s.additionalProperties, child, [...path, name], errors);
      }
    }
  };

  return (value) => {
    const errors: SchemaError[] = [];
    check(root, value, [], errors);
    return errors;
  };
}

import { z } from 'zod';
import { ConfigSchema } from './schema.js';
import { metaJsonSchema } from '../meta/schema.js';

/** The JSON Schemas `stms schema` prints, generated from the zod schemas so they cannot drift. */
export const SCHEMA_KINDS = ['meta', 'config'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

export function isSchemaKind(value: string): value is SchemaKind {
  return (SCHEMA_KINDS as readonly string[]).includes(value);
}

export function jsonSchemaOf(kind: SchemaKind): Record<string, unknown> {
  if (kind === 'meta') {
    // The template variant: "[@NAME]" is accepted wherever a variable may stand.
    return { ...z.toJSONSchema(metaJsonSchema('template'), { io: 'input' }), title: 'Streamis meta.json (stms template)' };
  }
  return { ...z.toJSONSchema(ConfigSchema, { io: 'input' }), title: 'stms config (stms.config.json / .yaml)' };
}

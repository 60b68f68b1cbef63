import { UsageError } from '../../errors.js';
import { defineCommand } from '../command.js';

/**
 * `stms schema [meta|config]`: the JSON Schema of meta.json (variables allowed where they may
 * stand) or of the stms config, for editors. The schema is the output: stdout carries it alone;
 * with --json it is the `schema` field of the result document.
 */
export default defineCommand({
  name: 'schema',
  summary: 'JSON Schema of meta.json or the config, for editors',
  examples: ['stms schema > meta.schema.json', 'stms schema config > stms.config.schema.json', 'stms schema meta --json'],
  configure(command) {
    command.argument('[kind]', 'meta (the default) or config');
  },
  options: async () => (await import('../no-options.js')).NoOptions,
  async run(ctx, args) {
    const kind = args[0] ?? 'meta';
    const { isSchemaKind, jsonSchemaOf, SCHEMA_KINDS } = await import('../../config/json-schema.js');
    if (!isSchemaKind(kind)) {
      throw new UsageError(`unknown schema kind "${kind}": expected ${SCHEMA_KINDS.join(' or ')}`, { hint: 'Run `stms schema meta` or `stms schema config`.' });
    }
    const schema = jsonSchemaOf(kind);
    ctx.out.data(JSON.stringify(schema, null, 2));
    return { document: { kind, schema } };
  },
});

import { z } from 'zod';

/**
 * The tiered variables a meta.json template is rendered with, from vars.yaml or the config's
 * `vars`. Here, with the renderer that reads them, so meta never imports the config loader.
 */

const VarValues = z.record(z.string(), z.unknown());

/** vars.yaml: the most specific section wins (clusters > idc > global). */
export const VarsFileSchema = z.strictObject({
  global: VarValues.optional(),
  idc: z.record(z.string(), VarValues).optional(),
  clusters: z.record(z.string(), VarValues).optional(),
});
export type VarsFile = z.infer<typeof VarsFileSchema>;

import { z } from 'zod';
import { maxFailuresField } from '../options/max-failures.js';

/**
 * The options addJobOptions declares, as commander parses them (check, launch, status, stop,
 * snapshot extend it with their own). Apart from job-options.ts so that listing the commands
 * loads no zod.
 */

/** The narrowing of a --project selection; audit adds them to its own options. */
export const SelectionOptionsSchema = z.object({
  label: z.string().optional(),
  nameLike: z.string().optional(),
  expect: z
    .string()
    .optional()
    .transform((text, issue) => {
      if (text === undefined) return undefined;
      if (/^\d+$/.test(text.trim()) && Number(text) >= 1) return Number(text);
      issue.addIssue({ code: 'custom', message: `--expect ${text}: a whole number of 1 or more` });
      return z.NEVER;
    }),
  dryRun: z.boolean().default(false),
});

export const JobOptionsSchema = SelectionOptionsSchema.extend({
  clusters: z.string(),
  jobList: z.string().optional(),
  project: z.string().optional(),
  continueOnError: z.boolean().default(false),
  maxFailures: maxFailuresField,
  report: z.string().optional(),
});

export type JobOptions = z.infer<typeof JobOptionsSchema>;

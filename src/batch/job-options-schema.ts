import { z } from 'zod';
import { maxFailuresField } from '../options/max-failures.js';

/**
 * The options addJobOptions declares, as commander parses them (check, launch, status, stop,
 * snapshot extend it with their own). Apart from job-options.ts so that listing the commands
 * loads no zod.
 */
export const JobOptionsSchema = z.object({
  clusters: z.string(),
  jobList: z.string().optional(),
  continueOnError: z.boolean().default(false),
  maxFailures: maxFailuresField,
  report: z.string().optional(),
});

export type JobOptions = z.infer<typeof JobOptionsSchema>;

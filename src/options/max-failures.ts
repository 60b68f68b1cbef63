import { z } from 'zod';

/** `--max-failures N`: a whole number of at least 1, as commander hands it over (a string). */
export const maxFailuresField = z
  .string()
  .regex(/^[1-9][0-9]{0,5}$/, '--max-failures needs a whole number of at least 1, such as 3')
  .transform(Number)
  .optional();

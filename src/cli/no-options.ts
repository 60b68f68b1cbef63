import { z } from 'zod';

/** The options schema of a command that has no options of its own. */
export const NoOptions = z.object({});

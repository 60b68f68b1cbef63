import { StmsError } from '../../errors.js';
import { defineCommand } from '../command.js';

// Placeholder until its issue lands: says so plainly instead of pretending to work.
export default defineCommand({
  name: 'schema',
  summary: 'not built yet',
  examples: ['stms schema --help'],
  configure() {},
  async run() {
    throw new StmsError('INTERNAL', 'stms schema is not built yet');
  },
});

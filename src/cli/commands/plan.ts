import { StmsError } from '../../errors.js';
import { defineCommand } from '../command.js';

// Placeholder until its issue lands: says so plainly instead of pretending to work.
export default defineCommand({
  name: 'plan',
  summary: 'not built yet',
  examples: ['stms plan --help'],
  configure() {},
  async run() {
    throw new StmsError('INTERNAL', 'stms plan is not built yet');
  },
});

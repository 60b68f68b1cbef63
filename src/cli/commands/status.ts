import { StmsError } from '../../errors.js';
import { defineCommand } from '../command.js';

// Placeholder until its issue lands: says so plainly instead of pretending to work.
export default defineCommand({
  name: 'status',
  summary: 'not built yet',
  examples: ['stms status --help'],
  configure() {},
  async run() {
    throw new StmsError('INTERNAL', 'stms status is not built yet');
  },
});

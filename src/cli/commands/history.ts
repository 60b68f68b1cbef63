import { StmsError } from '../../errors.js';
import { defineCommand } from '../command.js';

// Placeholder until its issue lands: says so plainly instead of pretending to work.
export default defineCommand({
  name: 'history',
  summary: 'not built yet',
  examples: ['stms history --help'],
  configure() {},
  async run() {
    throw new StmsError('INTERNAL', 'stms history is not built yet');
  },
});

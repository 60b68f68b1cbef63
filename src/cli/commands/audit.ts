import { StmsError } from '../../errors.js';
import { defineCommand } from '../command.js';

// Placeholder until its issue lands: says so plainly instead of pretending to work.
export default defineCommand({
  name: 'audit',
  summary: 'not built yet',
  examples: ['stms audit --help'],
  configure() {},
  async run() {
    throw new StmsError('INTERNAL', 'stms audit is not built yet');
  },
});

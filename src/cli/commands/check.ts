import { StmsError } from '../../errors.js';
import { defineCommand } from '../command.js';

// Placeholder until its issue lands: says so plainly instead of pretending to work.
export default defineCommand({
  name: 'check',
  summary: 'not built yet',
  examples: ['stms check --help'],
  configure() {},
  async run() {
    throw new StmsError('INTERNAL', 'stms check is not built yet');
  },
});

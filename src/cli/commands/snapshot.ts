import { StmsError } from '../../errors.js';
import { defineCommand } from '../command.js';

// Placeholder until its issue lands: says so plainly instead of pretending to work.
export default defineCommand({
  name: 'snapshot',
  summary: 'not built yet',
  examples: ['stms snapshot --help'],
  configure() {},
  async run() {
    throw new StmsError('INTERNAL', 'stms snapshot is not built yet');
  },
});

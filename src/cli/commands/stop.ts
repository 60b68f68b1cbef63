import { StmsError } from '../../errors.js';
import { defineCommand } from '../command.js';

// Placeholder until its issue lands: says so plainly instead of pretending to work.
export default defineCommand({
  name: 'stop',
  summary: 'not built yet',
  examples: ['stms stop --help'],
  configure() {},
  async run() {
    throw new StmsError('INTERNAL', 'stms stop is not built yet');
  },
});

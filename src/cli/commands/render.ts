import { StmsError } from '../../errors.js';
import { defineCommand } from '../command.js';

// Placeholder until its issue lands: says so plainly instead of pretending to work.
export default defineCommand({
  name: 'render',
  summary: 'not built yet',
  examples: ['stms render --help'],
  configure() {},
  async run() {
    throw new StmsError('INTERNAL', 'stms render is not built yet');
  },
});

import { StmsError } from '../../errors.js';
import { defineCommand } from '../command.js';

// Placeholder until its issue lands: says so plainly instead of pretending to work.
export default defineCommand({
  name: 'init',
  summary: 'not built yet',
  examples: ['stms init --help'],
  configure() {},
  async run() {
    throw new StmsError('INTERNAL', 'stms init is not built yet');
  },
});

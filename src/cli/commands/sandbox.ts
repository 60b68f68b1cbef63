import { StmsError } from '../../errors.js';
import { defineCommand } from '../command.js';

// Placeholder until its issue lands: says so plainly instead of pretending to work.
export default defineCommand({
  name: 'sandbox',
  summary: 'not built yet',
  examples: ['stms sandbox --help'],
  configure() {},
  async run() {
    throw new StmsError('INTERNAL', 'stms sandbox is not built yet');
  },
});

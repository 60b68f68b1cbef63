import { StmsError } from '../../errors.js';
import { defineCommand } from '../command.js';

// Placeholder until its issue lands: says so plainly instead of pretending to work.
export default defineCommand({
  name: 'validate',
  summary: 'not built yet',
  examples: ['stms validate --help'],
  configure() {},
  async run() {
    throw new StmsError('INTERNAL', 'stms validate is not built yet');
  },
});

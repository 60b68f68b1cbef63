import { StmsError } from '../../errors.js';
import { defineCommand } from '../command.js';

// Placeholder until its issue lands: says so plainly instead of pretending to work.
export default defineCommand({
  name: 'demo',
  summary: 'not built yet',
  examples: ['stms demo --help'],
  configure() {},
  async run() {
    throw new StmsError('INTERNAL', 'stms demo is not built yet');
  },
});

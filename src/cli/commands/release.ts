import { StmsError } from '../../errors.js';
import { defineCommand } from '../command.js';

// Placeholder until its issue lands: says so plainly instead of pretending to work.
export default defineCommand({
  name: 'release',
  summary: 'not built yet',
  examples: ['stms release --help'],
  configure() {},
  async run() {
    throw new StmsError('INTERNAL', 'stms release is not built yet');
  },
});

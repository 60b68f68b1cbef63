import { StmsError } from '../../errors.js';
import { defineCommand } from '../command.js';

// Placeholder until its issue lands: says so plainly instead of pretending to work.
export default defineCommand({
  name: 'pack',
  summary: 'not built yet',
  examples: ['stms pack --help'],
  configure() {},
  async run() {
    throw new StmsError('INTERNAL', 'stms pack is not built yet');
  },
});

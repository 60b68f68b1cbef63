import { StmsError } from '../../errors.js';
import { defineCommand } from '../command.js';

// Placeholder until its issue lands: says so plainly instead of pretending to work.
export default defineCommand({
  name: 'launch',
  summary: 'not built yet',
  examples: ['stms launch --help'],
  configure() {},
  async run() {
    throw new StmsError('INTERNAL', 'stms launch is not built yet');
  },
});

// `landfall check-content`: validate content/ and every reference to it in the code.
import { checkContent } from '../check-content.ts';
import { defineLandfallCommand } from '../command.ts';

export default defineLandfallCommand({
  meta: { name: 'check-content', description: 'Validate content/ (instruments, parameters, provisions, knowledge) and every reference to it in the code.' },
  args: {},
  run: () => ({ exitCode: 0, stdout: `${checkContent()}\n` }),
});

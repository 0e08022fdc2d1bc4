// `landfall schema`: the JSON Schema of the entry profile or of the assessment.
import { z } from 'zod';
import { assessmentSchema } from '../../core/assess/assessment-schema.ts';
import { profileSchema } from '../../core/profile/profile-schema.ts';
import { defineLandfallCommand } from '../command.ts';
import { chooseFormat } from '../profile-args.ts';

const SCHEMAS = {
  profile: { title: 'Landfall entry profile, schemaVersion 1', make: () => z.toJSONSchema(profileSchema, { io: 'input', target: 'draft-2020-12' }) },
  assessment: { title: 'Landfall assessment, schemaVersion 1', make: () => z.toJSONSchema(assessmentSchema, { io: 'output', target: 'draft-2020-12' }) },
} as const;

export default defineLandfallCommand({
  meta: { name: 'schema', description: 'Print the JSON Schema of the entry profile or of the assessment.' },
  args: { which: { type: 'positional', description: 'profile or assessment', required: true } },
  run(args) {
    const which = chooseFormat(args.which, ['profile', 'assessment'] as const, 'profile', 'which');
    const schema = SCHEMAS[which];
    const document = { $id: `https://landfall.dev/schema/${which}-v1.json`, title: schema.title, ...schema.make() };
    return { exitCode: 0, stdout: `${JSON.stringify(document, null, 2)}\n` };
  },
});

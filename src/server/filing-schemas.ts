// The filing packs' API bodies, shared by the routes (which document them) and the workbench (which
// takes their types).
import { z } from '@hono/zod-openapi';
import { FILING_KINDS } from '../core/filings/draft-filing.ts';
import { ENGAGEMENT_LANGUAGES } from '../store/workspace-store.ts';

export const applicableFilingSchema = z.object({
  kind: z.enum(FILING_KINDS),
  systems: z.array(z.object({ id: z.string(), name: z.string() })).nullable().describe('The systems it is drafted for, one at a time (`?system=`); null when it covers the whole handler.'),
  transfers: z.array(z.string()).nullable().describe('The transfers it can be narrowed to (`?transfer=`); null when it is one document for them all.'),
}).openapi('ApplicableFiling');
export const filingListSchema = z.object({ asOf: z.string(), language: z.enum(ENGAGEMENT_LANGUAGES), filings: z.array(applicableFilingSchema) }).openapi('ApplicableFilings');
export const languageSchema = z.object({ language: z.enum(ENGAGEMENT_LANGUAGES) }).openapi('EngagementLanguage');

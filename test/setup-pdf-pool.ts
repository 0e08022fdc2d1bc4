// Every test file that prints a PDF through the shared pool leaves no browser behind.
import { afterAll } from 'vitest';
import { closeSharedPdfPool } from '../src/render/render-annex-pdf.ts';

afterAll(closeSharedPdfPool);

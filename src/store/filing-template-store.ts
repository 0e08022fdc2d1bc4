// The consultancy's Word templates for the filing packs, one per output language (see migration
// 0019). Set and removed by an administrator, audited outside any engagement; the audit keeps the
// file's name, size and digest, never its bytes.
import { createHash } from 'node:crypto';
import { audit } from './audit-log.ts';
import type { Database } from './database.ts';

export interface FilingTemplateInfo {
  locale: string;
  fileName: string;
  bytes: number;
  sha256: string;
  updatedAt: string;
}

export interface StoredFilingTemplate extends FilingTemplateInfo {
  docx: Uint8Array;
}

interface TemplateRow {
  locale: string;
  file_name: string;
  docx?: Uint8Array;
  bytes: number | string;
  sha256: string;
  updated_at: Date | string;
}

function infoOf(row: TemplateRow): FilingTemplateInfo {
  return { locale: row.locale, fileName: row.file_name, bytes: Number(row.bytes), sha256: row.sha256, updatedAt: new Date(row.updated_at).toISOString() };
}

const logged = (info: FilingTemplateInfo | null) => (info == null ? null : { locale: info.locale, fileName: info.fileName, bytes: info.bytes, sha256: info.sha256 });

export class FilingTemplateStore {
  constructor(private readonly db: Database) {}

  /** Every template there is, without its bytes. */
  async list(): Promise<FilingTemplateInfo[]> {
    const { rows } = await this.db.query<TemplateRow>('select locale, file_name, octet_length(docx) as bytes, sha256, updated_at from filing_templates order by locale');
    return rows.map(infoOf);
  }

  /** The template of a language with its bytes, or null when there is none. */
  async get(locale: string): Promise<StoredFilingTemplate | null> {
    const { rows } = await this.db.query<TemplateRow>('select locale, file_name, docx, octet_length(docx) as bytes, sha256, updated_at from filing_templates where locale = $1', [locale]);
    const row = rows[0];
    if (!row?.docx) return null;
    return { ...infoOf(row), docx: new Uint8Array(row.docx) };
  }

  /** Keeps a template the caller has checked; replaces the language's earlier one. */
  async set(userId: string, locale: string, fileName: string, docx: Uint8Array): Promise<FilingTemplateInfo> {
    const sha256 = createHash('sha256').update(docx).digest('hex');
    return this.db.transaction(async (tx) => {
      const { rows: before } = await tx.query<TemplateRow>('select locale, file_name, octet_length(docx) as bytes, sha256, updated_at from filing_templates where locale = $1 for update', [locale]);
      const { rows } = await tx.query<TemplateRow>(
        `insert into filing_templates (locale, file_name, docx, sha256, updated_at, updated_by) values ($1, $2, $3, $4, now(), $5)
         on conflict (locale) do update set file_name = excluded.file_name, docx = excluded.docx, sha256 = excluded.sha256, updated_at = now(), updated_by = excluded.updated_by
         returning locale, file_name, octet_length(docx) as bytes, sha256, updated_at`,
        [locale, fileName, Buffer.from(docx), sha256, userId],
      );
      const next = infoOf(rows[0]!);
      await audit(tx, { engagementId: null, userId, action: before[0] ? 'update' : 'create', entity: 'filing_template', entityId: null, before: logged(before[0] ? infoOf(before[0]) : null), after: logged(next) });
      return next;
    });
  }

  /** Removes a language's template; false when there was none. */
  async remove(userId: string, locale: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<TemplateRow>('delete from filing_templates where locale = $1 returning locale, file_name, octet_length(docx) as bytes, sha256, updated_at', [locale]);
      if (!rows[0]) return false;
      await audit(tx, { engagementId: null, userId, action: 'delete', entity: 'filing_template', entityId: null, before: logged(infoOf(rows[0])), after: null });
      return true;
    });
  }
}

// The consultancy's branding of its deliverables (one row for the workspace): the name on the
// annex's cover, running header and document properties, and a logo for the cover. An
// administrator sets it; the change is audited outside any engagement, and `version` moves on so
// annex bodies kept per engagement revision are not served with the old branding.
import { audit } from './audit-log.ts';
import type { Database } from './database.ts';

export interface StoredBranding {
  /** Null until an administrator names the consultancy (the deliverables then say Landfall). */
  consultancy: string | null;
  /** The logo as a PNG the server re-encoded itself; null when there is none. */
  logoPng: Uint8Array | null;
  /** 0 until the first change, then one more with every change. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface BrandingChange {
  consultancy: string;
  /** A new logo (already re-encoded as PNG), null to remove it, undefined to keep the one there is. */
  logoPng?: Uint8Array | null | undefined;
}

const UNSET: StoredBranding = Object.freeze({ consultancy: null, logoPng: null, version: 0, updatedAt: null, updatedBy: null });

interface BrandingRow {
  consultancy: string;
  logo_png: Uint8Array | null;
  version: number;
  updated_at: Date | string;
  updated_by: string | null;
}

function fromRow(row: BrandingRow | undefined): StoredBranding {
  if (!row) return UNSET;
  return {
    consultancy: row.consultancy,
    logoPng: row.logo_png == null ? null : new Uint8Array(row.logo_png),
    version: Number(row.version),
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  };
}

/** What the audit log keeps of a branding: the name and the logo's size, not its bytes. */
const logged = (branding: StoredBranding) => ({ consultancy: branding.consultancy, logoBytes: branding.logoPng?.byteLength ?? null });

export class BrandingStore {
  constructor(private readonly db: Database) {}

  async current(): Promise<StoredBranding> {
    const { rows } = await this.db.query<BrandingRow>('select consultancy, logo_png, version, updated_at, updated_by from branding where id');
    return fromRow(rows[0]);
  }

  /** The version alone, for tagging kept bodies without reading the logo. */
  async version(): Promise<number> {
    const { rows } = await this.db.query<{ version: number }>('select version from branding where id');
    return rows[0] ? Number(rows[0].version) : 0;
  }

  async set(userId: string, change: BrandingChange): Promise<StoredBranding> {
    return this.db.transaction(async (tx) => {
      const { rows: before } = await tx.query<BrandingRow>('select consultancy, logo_png, version, updated_at, updated_by from branding where id for update');
      const previous = fromRow(before[0]);
      const logo = change.logoPng === undefined ? previous.logoPng : change.logoPng;
      const { rows } = await tx.query<BrandingRow>(
        `insert into branding (id, consultancy, logo_png, version, updated_at, updated_by) values (true, $1, $2, 1, now(), $3)
         on conflict (id) do update set consultancy = excluded.consultancy, logo_png = excluded.logo_png, version = branding.version + 1, updated_at = now(), updated_by = excluded.updated_by
         returning consultancy, logo_png, version, updated_at, updated_by`,
        [change.consultancy, logo == null ? null : Buffer.from(logo), userId],
      );
      const next = fromRow(rows[0]);
      await audit(tx, { engagementId: null, userId, action: 'update', entity: 'branding', entityId: null, before: previous.version === 0 ? null : logged(previous), after: logged(next) });
      return next;
    });
  }
}

import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-crm-core.migration.ts';
import * as m002 from './002-reference-data.migration.ts';
import * as m003 from './003-search-index.migration.ts';
import * as m004 from './004-mail.migration.ts';
import * as m005 from './005-sync.migration.ts';
import * as m006 from './006-journal-messages.migration.ts';
import * as m007 from './007-lean-sync-rows.migration.ts';

/** Every migration, in order. Static imports keep them bundled with the code that expects them. */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '001-crm-core': m001,
      '002-reference-data': m002,
      '003-search-index': m003,
      '004-mail': m004,
      '005-sync': m005,
      '006-journal-messages': m006,
      '007-lean-sync-rows': m007,
    };
  },
};

import type { Db } from '../../db/database.ts';
import { timeZoneNames } from '../common/validators.ts';

/** Lookup values the UI offers in pickers. */
export const lookupService = {
  async all(db: Db) {
    const map = (rows: { id: string; name_en: string; name_ru: string }[]) =>
      rows.map((r) => ({ id: r.id, name: { en: r.name_en, ru: r.name_ru } }));
    return {
      contactTypes: map(await db.selectFrom('contact_types').selectAll().orderBy('position').execute()),
      accountTypes: map(await db.selectFrom('account_types').selectAll().orderBy('position').execute()),
      timeZones: timeZoneNames(),
    };
  },
};

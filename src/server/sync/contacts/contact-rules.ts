import type { ContactFields } from '../../connectors/contact-fields.ts';
import type { KindRules } from '../plan.ts';
import { fullNameOf, isNameless } from './contact-projection.ts';

/** Contact-specific decisions the planner asks about (CT-7). */
export const contactRules: KindRules<ContactFields> = {
  rejectRemote(fields) {
    // CT-7: a contact without any name field cannot become a CRM contact (the CRM requires a name); the vendor
    // logs "NameFieldsEmptyTpl" and goes on, and so do we — with the reason in the journal.
    return isNameless(fields)
      ? {
          rule: 'CT-7',
          message: 'the contact has no name (given name, middle name, surname and display name are empty)',
          said: { code: 'nameless' },
        }
      : null;
  },
  nameOf(fields) {
    return fullNameOf(fields) || fields.emails[0] || fields.companyName || '(no name)';
  },
};

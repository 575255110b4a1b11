import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { Contact } from '../api/api-types.ts';
import { contactsApi } from '../api/records.api.ts';
import { RecordPage } from '../common/record-page.tsx';
import { useCurrentUser } from '../session/use-session.hook.ts';
import { ContactForm } from './contact-form.tsx';

/** Only the fields a user edits; read-only ones (fullName, accountName, …) stay out of the request. */
function toPayload(draft: Contact): Partial<Contact> {
  return {
    givenName: draft.givenName,
    middleName: draft.middleName,
    surname: draft.surname,
    jobTitle: draft.jobTitle,
    department: draft.department,
    birthday: draft.birthday || null,
    type: draft.type || null,
    accountId: draft.accountId || null,
    ...(draft.ownerId ? { ownerId: draft.ownerId } : {}),
    // Empty rows are dropped rather than sent as invalid values.
    communications: draft.communications.filter((c) => c.value.trim()),
    addresses: draft.addresses,
    notes: draft.notes,
  };
}

/** A contact: details with communication options and addresses, plus access rights. */
export function ContactRecordPage() {
  const { t } = useTranslation();
  const { id = 'new' } = useParams();
  const user = useCurrentUser();
  const blank = (): Contact => ({
    id: '',
    givenName: '',
    middleName: '',
    surname: '',
    fullName: '',
    jobTitle: '',
    department: '',
    birthday: null,
    type: null,
    accountId: null,
    ownerId: user.id,
    communications: [],
    addresses: [],
    notes: '',
  });
  return (
    <RecordPage<Contact>
      testId="contact-record"
      api={contactsApi}
      id={id}
      listPath="/contacts"
      listLabel={t('nav.contacts')}
      newTitle={t('contact.new')}
      blank={blank}
      titleOf={(c) => c.fullName || [c.givenName, c.surname].filter(Boolean).join(' ')}
      toPayload={toPayload}
      details={(args) => <ContactForm {...args} />}
    />
  );
}

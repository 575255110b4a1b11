import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { Account, Contact } from '../api/api-types.ts';
import { accountsApi, contactsApi } from '../api/records.api.ts';
import { RecordList } from '../common/record-list.tsx';
import { RecordPage } from '../common/record-page.tsx';
import { useCurrentUser } from '../session/use-session.hook.ts';
import { AccountForm } from './account-form.tsx';

function toPayload(draft: Account): Partial<Account> {
  return {
    name: draft.name,
    type: draft.type || null,
    ...(draft.ownerId ? { ownerId: draft.ownerId } : {}),
    communications: draft.communications.filter((c) => c.value.trim()),
    addresses: draft.addresses,
    notes: draft.notes,
  };
}

/** An account: details, its contacts, access rights. */
export function AccountRecordPage() {
  const { t } = useTranslation();
  const { id = 'new' } = useParams();
  const user = useCurrentUser();
  const blank = (): Account => ({
    id: '',
    name: '',
    type: null,
    communications: [],
    addresses: [],
    ownerId: user.id,
    notes: '',
  });
  return (
    <RecordPage<Account>
      testId="account-record"
      api={accountsApi}
      id={id}
      listPath="/accounts"
      listLabel={t('nav.accounts')}
      newTitle={t('account.new')}
      blank={blank}
      titleOf={(a) => a.name}
      toPayload={toPayload}
      details={(args) => <AccountForm {...args} />}
      extraTabs={
        id === 'new'
          ? []
          : [
              {
                value: 'contacts',
                label: t('nav.contacts'),
                render: () => (
                  <RecordList<Contact>
                    testId="account-contacts"
                    api={contactsApi}
                    filters={{ accountId: id }}
                    columns={[
                      { key: 'fullName', label: t('contact.fullName'), link: true, render: (c) => c.fullName },
                      { key: 'jobTitle', label: t('contact.jobTitle'), render: (c) => c.jobTitle },
                    ]}
                    rowHref={(c) => `/contacts/${c.id}`}
                    rowLabel={(c) => c.fullName}
                  />
                ),
              },
            ]
      }
    />
  );
}

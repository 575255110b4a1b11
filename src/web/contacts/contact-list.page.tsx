import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Contact } from '../api/api-types.ts';
import { contactsApi } from '../api/records.api.ts';
import { lookupName } from '../common/enum-label.ts';
import { PageHeader } from '../common/page-header.tsx';
import { type Column, RecordList } from '../common/record-list.tsx';
import { loadLookups } from '../common/resource-cache.ts';
import { SyncActionsMenu } from '../common/sync-actions-menu.tsx';
import { useAsync } from '../common/use-async.hook.ts';
import { GroupedListLayout, ListGroupActions, useGroupedList } from '../groups/grouped-list.tsx';

/** The first email of a contact, for the list. */
function firstEmail(contact: Contact): string {
  return contact.communications?.find((c) => c.kind === 'email')?.value ?? '';
}

/** Searches contacts for pickers (group members, participants). */
export async function searchContacts(q: string) {
  const { items } = await contactsApi.list({ q, limit: 20 });
  return items.map((c) => ({ value: c.id, label: c.fullName || c.id }));
}

/** Contacts: groups, search, paging, Actions menu. */
export function ContactListPage() {
  const { t, i18n } = useTranslation();
  const lookups = useAsync(loadLookups, []);
  const list = useGroupedList('contact');

  const columns: Column<Contact>[] = [
    { key: 'fullName', label: t('contact.fullName'), sortField: 'fullName', link: true, render: (c) => c.fullName },
    { key: 'jobTitle', label: t('contact.jobTitle'), sortField: 'jobTitle', render: (c) => c.jobTitle },
    { key: 'account', label: t('contact.account'), render: (c) => c.accountName ?? '' },
    { key: 'email', label: t('contact.email'), render: firstEmail },
    {
      key: 'type',
      label: t('contact.type'),
      render: (c) => lookupName(lookups.data?.contactTypes, c.type, i18n.language),
    },
    { key: 'owner', label: t('common.owner'), render: (c) => c.ownerName ?? '' },
  ];

  return (
    <>
      <PageHeader title={t('nav.contacts')}>
        {/* A run that changed contacts (CT-5) shows its result in the list at once. */}
        <SyncActionsMenu
          kind="contacts"
          onRunEnded={(run) => {
            if (run.counts.created + run.counts.updated + run.counts.deleted > 0) list.reload();
          }}
        />
        <Button component={Link} to="/contacts/new" leftSection={<IconPlus size={16} />} data-testid="new-record">
          {t('contact.new')}
        </Button>
      </PageHeader>
      <GroupedListLayout list={list} searchRecords={searchContacts}>
        <RecordList<Contact>
          testId="contact-list"
          api={contactsApi}
          columns={columns}
          filters={{ groupId: list.groups.groupId ?? undefined }}
          rowHref={(c) => `/contacts/${c.id}`}
          rowLabel={(c) => c.fullName}
          {...list.listProps}
          toolbar={<ListGroupActions list={list} />}
        />
      </GroupedListLayout>
    </>
  );
}

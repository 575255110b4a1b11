import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Account } from '../api/api-types.ts';
import { accountsApi } from '../api/records.api.ts';
import { formatDateTime } from '../common/date-time.ts';
import { lookupName } from '../common/enum-label.ts';
import { PageHeader } from '../common/page-header.tsx';
import { type Column, RecordList } from '../common/record-list.tsx';
import { loadLookups } from '../common/resource-cache.ts';
import { useAsync } from '../common/use-async.hook.ts';
import { useCurrentUser } from '../session/use-session.hook.ts';

/** Accounts (Контрагенты): search, sort, paging. */
export function AccountListPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const lookups = useAsync(loadLookups, []);

  const columns: Column<Account>[] = [
    { key: 'name', label: t('account.name'), sortField: 'name', link: true, render: (a) => a.name },
    {
      key: 'type',
      label: t('account.type'),
      render: (a) => lookupName(lookups.data?.accountTypes, a.type, i18n.language),
    },
    {
      key: 'phone',
      label: t('communications.kinds.phone'),
      render: (a) => a.communications?.find((c) => c.kind === 'phone')?.value ?? '',
    },
    {
      key: 'web',
      label: t('communications.kinds.web'),
      render: (a) => a.communications?.find((c) => c.kind === 'web')?.value ?? '',
    },
    { key: 'owner', label: t('common.owner'), render: (a) => a.ownerName ?? '' },
    {
      key: 'modifiedAt',
      label: t('common.modifiedAt'),
      sortField: 'modifiedAt',
      render: (a) => formatDateTime(a.modifiedAt, i18n.language, user.timeZone, 'short'),
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.accounts')}>
        <Button component={Link} to="/accounts/new" leftSection={<IconPlus size={16} />} data-testid="new-record">
          {t('account.new')}
        </Button>
      </PageHeader>
      <RecordList<Account>
        testId="account-list"
        api={accountsApi}
        columns={columns}
        rowHref={(a) => `/accounts/${a.id}`}
        rowLabel={(a) => a.name}
      />
    </>
  );
}

import { Tabs } from '@mantine/core';
import { IconKey, IconServer, IconShieldLock, IconUserShield, IconUsers, IconWorldWww } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../common/page-header.tsx';
import { MailServicesTab } from './mail-services.tab.tsx';
import { ProviderDomainsTab } from './provider-domains.tab.tsx';
import { RecordRightsDefaultsTab } from './record-rights-defaults.tab.tsx';
import { RolesTab } from './roles.tab.tsx';
import { SystemOperationsTab } from './system-operations.tab.tsx';
import { UsersTab } from './users.tab.tsx';

const TABS = ['users', 'roles', 'operations', 'rights', 'mail-services', 'mail-domains'] as const;

/**
 * Administration (CanManageAdministration): users, roles, system operations, record-rights defaults,
 * «Почтовые провайдеры» and «Домены почтовых провайдеров» (MS-1, MS-9).
 */
export function AdminPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab } = useParams();
  const current = TABS.includes(tab as (typeof TABS)[number]) ? (tab as string) : 'users';

  return (
    <div data-testid="admin-page">
      <PageHeader title={t('nav.admin')} />
      <Tabs value={current} onChange={(next) => navigate(`/admin/${next ?? 'users'}`)} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="users" leftSection={<IconUsers size={16} />} data-testid="admin-tab-users">
            {t('admin.users')}
          </Tabs.Tab>
          <Tabs.Tab value="roles" leftSection={<IconUserShield size={16} />} data-testid="admin-tab-roles">
            {t('admin.roles')}
          </Tabs.Tab>
          <Tabs.Tab value="operations" leftSection={<IconKey size={16} />} data-testid="admin-tab-operations">
            {t('admin.operations')}
          </Tabs.Tab>
          <Tabs.Tab value="rights" leftSection={<IconShieldLock size={16} />} data-testid="admin-tab-rights">
            {t('admin.rights')}
          </Tabs.Tab>
          <Tabs.Tab value="mail-services" leftSection={<IconServer size={16} />} data-testid="admin-tab-mail-services">
            {t('admin.mailServices')}
          </Tabs.Tab>
          <Tabs.Tab value="mail-domains" leftSection={<IconWorldWww size={16} />} data-testid="admin-tab-mail-domains">
            {t('admin.mailDomains')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users">
          <UsersTab />
        </Tabs.Panel>
        <Tabs.Panel value="roles">
          <RolesTab />
        </Tabs.Panel>
        <Tabs.Panel value="operations">
          <SystemOperationsTab />
        </Tabs.Panel>
        <Tabs.Panel value="rights">
          <RecordRightsDefaultsTab />
        </Tabs.Panel>
        <Tabs.Panel value="mail-services">
          <MailServicesTab />
        </Tabs.Panel>
        <Tabs.Panel value="mail-domains">
          <ProviderDomainsTab />
        </Tabs.Panel>
      </Tabs>
    </div>
  );
}

import { Alert, Badge, Modal, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mailServicesApi } from '../api/mail.api.ts';
import type { MailService } from '../api/mail-types.ts';
import { notifySuccess } from '../common/notify.ts';
import { useAsync } from '../common/use-async.hook.ts';
import { describeMailError } from '../mail/mail-errors.ts';
import { MailServiceForm } from '../mail/mail-service-form.tsx';
import { AdminTable, AdminToolbar, listLoadState, RowActions } from './admin-list.tsx';

/** «Почтовые провайдеры»: list, add, edit, delete (refused while mailboxes use the service, MS-10). */
export function MailServicesTab() {
  const { t } = useTranslation();
  const services = useAsync(() => mailServicesApi.list(), []);
  const [editing, setEditing] = useState<MailService | 'new' | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const narrow = useMediaQuery('(max-width: 36em)') ?? false;

  const loadState = listLoadState(services);
  if (loadState) return loadState;

  const remove = async (service: MailService) => {
    setDeleteError(null);
    try {
      await mailServicesApi.remove(service.id);
      notifySuccess(t('record.deleted'));
      services.reload();
    } catch (error) {
      // MS-10: the refusal names how many mailboxes still use the service; it stays until dismissed.
      setDeleteError(`${service.name}: ${describeMailError(t, error)}`);
    }
  };

  const items = services.data?.items ?? [];
  return (
    <div data-testid="admin-mail-services">
      <AdminToolbar
        intro={t('mailService.intro')}
        addLabel={t('common.add')}
        onAdd={() => setEditing('new')}
        addTestId="service-new"
      />
      {deleteError && (
        <Alert
          color="red"
          icon={<IconAlertTriangle />}
          withCloseButton
          onClose={() => setDeleteError(null)}
          mb="sm"
          data-testid="service-delete-error"
        >
          {deleteError}
        </Alert>
      )}
      <AdminTable
        minWidth={320}
        highlightOnHover
        head={
          <>
            <Table.Th>{t('mailService.name')}</Table.Th>
            <Table.Th visibleFrom="sm">{t('mailService.address')}</Table.Th>
            <Table.Th visibleFrom="sm">{t('mailService.type')}</Table.Th>
            <Table.Th visibleFrom="sm">{t('mailService.auth')}</Table.Th>
            <Table.Th visibleFrom="sm">{t('mailService.mailboxes')}</Table.Th>
          </>
        }
      >
        {items.map((service) => (
          <Table.Tr key={service.id} data-testid="service-row">
            <Table.Td>
              <Text size="sm" fw={500}>
                {service.name}
              </Text>
              {/* Narrow screens: the address under the name, so the actions stay in view. */}
              <Text size="xs" c="dimmed" hiddenFrom="sm">
                {service.address}
              </Text>
            </Table.Td>
            <Table.Td visibleFrom="sm">{service.address}</Table.Td>
            <Table.Td visibleFrom="sm">{t(`mailService.types.${service.type}`)}</Table.Td>
            <Table.Td visibleFrom="sm">
              <Badge variant="light" size="sm" tt="none" color={service.auth === 'oauth2' ? 'blue' : 'gray'}>
                {t(`mailService.auths.${service.auth}`)}
              </Badge>
            </Table.Td>
            <Table.Td visibleFrom="sm">{service.mailboxCount ?? ''}</Table.Td>
            <RowActions
              onEdit={() => setEditing(service)}
              editTestId="service-edit"
              deleteName={service.name}
              onDelete={() => remove(service)}
              deleteTestId="service-delete"
            />
          </Table.Tr>
        ))}
      </AdminTable>
      {items.length === 0 && (
        <Text size="sm" c="dimmed" mt="sm" data-testid="services-empty">
          {t('mailService.none')}
        </Text>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('mailService.addTitle') : t('mailService.editTitle')}
        size="xl"
        fullScreen={narrow}
      >
        {editing !== null && (
          <MailServiceForm
            service={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              services.reload();
            }}
          />
        )}
      </Modal>
    </div>
  );
}

import { Alert, Badge, Button, Group, Modal, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mailServicesApi } from '../api/mail.api.ts';
import type { MailService } from '../api/mail-types.ts';
import { ConfirmDeleteButton } from '../common/confirm-delete-button.tsx';
import { notifySuccess } from '../common/notify.ts';
import { LoadError, PageLoader } from '../common/status-pages.tsx';
import { useAsync } from '../common/use-async.hook.ts';
import { describeMailError } from '../mail/mail-errors.ts';
import { MailServiceForm } from '../mail/mail-service-form.tsx';

/** «Почтовые провайдеры»: list, add, edit, delete (refused while mailboxes use the service, MS-10). */
export function MailServicesTab() {
  const { t } = useTranslation();
  const services = useAsync(() => mailServicesApi.list(), []);
  const [editing, setEditing] = useState<MailService | 'new' | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const narrow = useMediaQuery('(max-width: 36em)') ?? false;

  if (services.loading && !services.data) return <PageLoader />;
  if (services.error) return <LoadError error={services.error} onRetry={services.reload} />;

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
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          {t('mailService.intro')}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="service-new">
          {t('common.add')}
        </Button>
      </Group>
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
      <Table.ScrollContainer minWidth={320} type="native">
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('mailService.name')}</Table.Th>
              <Table.Th visibleFrom="sm">{t('mailService.address')}</Table.Th>
              <Table.Th visibleFrom="sm">{t('mailService.type')}</Table.Th>
              <Table.Th visibleFrom="sm">{t('mailService.auth')}</Table.Th>
              <Table.Th visibleFrom="sm">{t('mailService.mailboxes')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
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
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="subtle" onClick={() => setEditing(service)} data-testid="service-edit">
                      {t('common.edit')}
                    </Button>
                    <ConfirmDeleteButton
                      compact
                      name={service.name}
                      onConfirm={() => remove(service)}
                      testId="service-delete"
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
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

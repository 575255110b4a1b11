import { Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mailServicesApi, providerDomainsApi } from '../api/mail.api.ts';
import type { ProviderDomain } from '../api/mail-types.ts';
import { ConfirmDeleteButton } from '../common/confirm-delete-button.tsx';
import { notifyError, notifySuccess } from '../common/notify.ts';
import { LoadError, PageLoader } from '../common/status-pages.tsx';
import { useAsync } from '../common/use-async.hook.ts';
import { useFieldErrors } from '../common/use-field-errors.hook.ts';

/** «Домены почтовых провайдеров» (MS-9): the domain of an address picks its mail service automatically. */
export function ProviderDomainsTab() {
  const { t } = useTranslation();
  const domains = useAsync(() => providerDomainsApi.list(), []);
  const services = useAsync(() => mailServicesApi.list(), []);
  const [editing, setEditing] = useState<ProviderDomain | 'new' | null>(null);

  if (domains.loading && !domains.data) return <PageLoader />;
  if (domains.error) return <LoadError error={domains.error} onRetry={domains.reload} />;
  const serviceName = (id: string) => services.data?.items.find((s) => s.id === id)?.name ?? id;

  const remove = async (domain: ProviderDomain) => {
    try {
      await providerDomainsApi.remove(domain.id);
      notifySuccess(t('record.deleted'));
      domains.reload();
    } catch (error) {
      notifyError(t, error);
    }
  };

  const items = domains.data?.items ?? [];
  return (
    <div data-testid="admin-mail-domains">
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          {t('mailDomain.intro')}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="domain-new">
          {t('common.add')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={360} type="native">
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('mailDomain.domain')}</Table.Th>
              <Table.Th>{t('mailDomain.service')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((domain) => (
              <Table.Tr key={domain.id} data-testid="domain-row">
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {domain.domain}
                  </Text>
                </Table.Td>
                <Table.Td>{serviceName(domain.mailServiceId)}</Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="subtle" onClick={() => setEditing(domain)}>
                      {t('common.edit')}
                    </Button>
                    <ConfirmDeleteButton
                      compact
                      name={domain.domain}
                      onConfirm={() => remove(domain)}
                      testId="domain-delete"
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {items.length === 0 && (
        <Text size="sm" c="dimmed" mt="sm">
          {t('mailDomain.none')}
        </Text>
      )}
      <DomainFormModal
        domain={editing}
        services={(services.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        onClose={() => setEditing(null)}
        onSaved={domains.reload}
      />
    </div>
  );
}

interface ModalProps {
  domain: ProviderDomain | 'new' | null;
  services: { value: string; label: string }[];
  onClose(): void;
  onSaved(): void;
}

/** Add or edit one domain → service row. */
function DomainFormModal({ domain, services, onClose, onSaved }: ModalProps) {
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [name, setName] = useState('');
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const existing = domain && domain !== 'new' ? domain : null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on open.
  useEffect(() => {
    if (!domain) return;
    errors.clear();
    setName(existing?.domain ?? '');
    setServiceId(existing?.mailServiceId ?? null);
  }, [domain]);

  const save = async () => {
    setSaving(true);
    errors.clear();
    try {
      const input = { domain: name.trim(), mailServiceId: serviceId ?? '' };
      if (existing) await providerDomainsApi.update(existing.id, input);
      else await providerDomainsApi.create(input);
      notifySuccess(t('record.saved'));
      onSaved();
      onClose();
    } catch (error) {
      errors.handle(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      opened={domain !== null}
      onClose={onClose}
      title={existing ? t('mailDomain.editTitle') : t('mailDomain.addTitle')}
    >
      <Stack data-testid="domain-form">
        <TextInput
          label={t('mailDomain.domain')}
          placeholder="example.com"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.errorFor('domain')}
          required
          data-testid="domain-name"
        />
        <Select
          label={t('mailDomain.service')}
          data={services}
          value={serviceId}
          onChange={setServiceId}
          error={errors.errorFor('mailServiceId')}
          required
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          data-testid="domain-service"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} loading={saving} disabled={!name.trim() || !serviceId} data-testid="domain-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

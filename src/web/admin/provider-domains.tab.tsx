import { Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mailServicesApi, providerDomainsApi } from '../api/mail.api.ts';
import type { ProviderDomain } from '../api/mail-types.ts';
import { useAsync } from '../common/use-async.hook.ts';
import { useFieldErrors } from '../common/use-field-errors.hook.ts';
import { AdminTable, AdminToolbar, listLoadState, RowActions, removeRow, useModalSave } from './admin-list.tsx';

/** «Домены почтовых провайдеров» (MS-9): the domain of an address picks its mail service automatically. */
export function ProviderDomainsTab() {
  const { t } = useTranslation();
  const domains = useAsync(() => providerDomainsApi.list(), []);
  const services = useAsync(() => mailServicesApi.list(), []);
  const [editing, setEditing] = useState<ProviderDomain | 'new' | null>(null);

  const loadState = listLoadState(domains);
  if (loadState) return loadState;
  const serviceName = (id: string) => services.data?.items.find((s) => s.id === id)?.name ?? id;

  const items = domains.data?.items ?? [];
  return (
    <div data-testid="admin-mail-domains">
      <AdminToolbar
        intro={t('mailDomain.intro')}
        addLabel={t('common.add')}
        onAdd={() => setEditing('new')}
        addTestId="domain-new"
      />
      <AdminTable
        minWidth={360}
        highlightOnHover
        head={
          <>
            <Table.Th>{t('mailDomain.domain')}</Table.Th>
            <Table.Th>{t('mailDomain.service')}</Table.Th>
          </>
        }
      >
        {items.map((domain) => (
          <Table.Tr key={domain.id} data-testid="domain-row">
            <Table.Td>
              <Text size="sm" fw={500}>
                {domain.domain}
              </Text>
            </Table.Td>
            <Table.Td>{serviceName(domain.mailServiceId)}</Table.Td>
            <RowActions
              onEdit={() => setEditing(domain)}
              deleteName={domain.domain}
              onDelete={() => removeRow(t, () => providerDomainsApi.remove(domain.id), domains.reload)}
              deleteTestId="domain-delete"
            />
          </Table.Tr>
        ))}
      </AdminTable>
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
  const existing = domain && domain !== 'new' ? domain : null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on open.
  useEffect(() => {
    if (!domain) return;
    errors.clear();
    setName(existing?.domain ?? '');
    setServiceId(existing?.mailServiceId ?? null);
  }, [domain]);

  const { saving, save } = useModalSave(
    errors,
    () => {
      const input = { domain: name.trim(), mailServiceId: serviceId ?? '' };
      return existing ? providerDomainsApi.update(existing.id, input) : providerDomainsApi.create(input);
    },
    onSaved,
    onClose,
  );

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

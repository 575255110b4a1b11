import {
  Alert,
  Button,
  Checkbox,
  Group,
  Input,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mailServicesApi } from '../api/mail.api.ts';
import type { LoginFormat, MailAuth, MailProtocol, MailService } from '../api/mail-types.ts';
import { notifySuccess } from '../common/notify.ts';
import { useFieldErrors } from '../common/use-field-errors.hook.ts';
import { EndpointFields } from './endpoint-fields.tsx';
import { blankDraft, draftFromService, draftToPayload, type ServiceDraft } from './mail-service-draft.ts';
import { OAuthFields } from './oauth-fields.tsx';

interface Props {
  /** null adds a service. */
  service: MailService | null;
  onSaved(service: MailService): void;
  onCancel(): void;
}

const LOGIN_FORMATS: LoginFormat[] = ['manual', 'email', 'mailboxName'];

/**
 * The one mail service form (MS-8): Administration, the new-account dialog («Добавить провайдер») and the
 * mailbox page all show this component. Fields follow the vendor's «Добавить сервис» page (MS-2…MS-7, MS-12, MS-13).
 */
export function MailServiceForm({ service, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [draft, setDraft] = useState<ServiceDraft>(() => (service ? draftFromService(service) : blankDraft()));
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<ServiceDraft>) => setDraft((prev) => ({ ...prev, ...patch }));

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when another service is edited.
  useEffect(() => {
    setDraft(service ? draftFromService(service) : blankDraft());
    errors.clear();
  }, [service]);

  // MS-6: the name follows the address until the administrator types one.
  const setAddress = (address: string) =>
    setDraft((prev) => ({ ...prev, address, name: prev.nameFollowsAddress ? address : prev.name }));

  const noDirection = !draft.downloadEmails && !draft.sendEmails;

  const save = async () => {
    setSaving(true);
    errors.clear();
    try {
      const payload = draftToPayload(draft);
      const saved = service ? await mailServicesApi.update(service.id, payload) : await mailServicesApi.create(payload);
      notifySuccess(t('mailService.saved'));
      onSaved(saved);
    } catch (error) {
      errors.handle(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="md" data-testid="mail-service-form">
      <Title order={5}>{t('mailService.serviceSettings')}</Title>
      <Input.Wrapper label={t('mailService.type')} error={errors.errorFor('type')}>
        <SegmentedControl
          display="flex"
          w="fit-content"
          value={draft.type}
          onChange={(type) => set({ type: type as ServiceDraft['type'] })}
          data={[
            { value: 'exchange', label: t('mailService.types.exchange') },
            { value: 'imap', label: t('mailService.types.imap') },
          ]}
          data-testid="service-type"
        />
      </Input.Wrapper>
      <TextInput
        label={t('mailService.address')}
        description={t('mailService.addressHint')}
        placeholder="example.exchange.com"
        value={draft.address}
        onChange={(event) => setAddress(event.currentTarget.value)}
        error={errors.errorFor('address')}
        required
        data-testid="service-address"
      />

      <Title order={5}>{t('mailService.additionalSettings')}</Title>
      <Input.Wrapper
        error={
          errors.errorFor('downloadEmails') ??
          errors.errorFor('sendEmails') ??
          (noDirection ? t('mailService.oneDirectionRequired') : undefined)
        }
      >
        <Group gap="lg">
          <Checkbox
            label={t('mailService.downloadEmails')}
            checked={draft.downloadEmails}
            onChange={(event) => set({ downloadEmails: event.currentTarget.checked })}
            data-testid="service-download"
          />
          <Checkbox
            label={t('mailService.sendEmails')}
            checked={draft.sendEmails}
            onChange={(event) => set({ sendEmails: event.currentTarget.checked })}
            data-testid="service-send"
          />
        </Group>
      </Input.Wrapper>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t('mailService.loginFormat')}
          data={LOGIN_FORMATS.map((value) => ({ value, label: t(`mailService.loginFormats.${value}`) }))}
          value={draft.loginFormat}
          onChange={(value) => value && set({ loginFormat: value as LoginFormat })}
          allowDeselect={false}
          error={errors.errorFor('loginFormat')}
          data-testid="service-login-format"
        />
        <TextInput
          label={t('mailService.name')}
          description={t('mailService.nameHint')}
          value={draft.name}
          onChange={(event) => set({ name: event.currentTarget.value, nameFollowsAddress: false })}
          error={errors.errorFor('name')}
          required
          data-testid="service-name"
        />
        <Select
          label={t('mailService.auth')}
          data={[
            { value: 'basic', label: t('mailService.auths.basic') },
            { value: 'oauth2', label: t('mailService.auths.oauth2') },
          ]}
          value={draft.auth}
          onChange={(value) => value && set({ auth: value as MailAuth })}
          allowDeselect={false}
          error={errors.errorFor('auth')}
          data-testid="service-auth"
        />
        {draft.type === 'exchange' && (
          <Select
            label={t('mailService.protocol')}
            description={t('mailService.protocolHint')}
            data={(['auto', 'graph', 'ews'] as MailProtocol[]).map((value) => ({
              value,
              label: t(`mailService.protocols.${value}`),
            }))}
            value={draft.protocol}
            onChange={(value) => value && set({ protocol: value as MailProtocol })}
            allowDeselect={false}
            error={errors.errorFor('protocol')}
            data-testid="service-protocol"
          />
        )}
      </SimpleGrid>
      {draft.auth === 'basic' && (
        <Alert color="gray" icon={<IconInfoCircle />} p="xs">
          {t('mailService.basicHint')}
        </Alert>
      )}

      {draft.auth === 'oauth2' && <OAuthFields draft={draft} service={service} set={set} errors={errors} />}

      {draft.type === 'imap' && (
        <>
          <EndpointFields
            server="imap"
            title={t('mailService.imapServer')}
            value={draft.imap}
            placeholder={draft.address}
            onChange={(imap) => set({ imap })}
            errors={errors}
          />
          <EndpointFields
            server="smtp"
            title={t('mailService.smtpServer')}
            value={draft.smtp}
            placeholder={draft.address}
            onChange={(smtp) => set({ smtp })}
            errors={errors}
          />
        </>
      )}

      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button onClick={save} loading={saving} disabled={noDirection} data-testid="service-save">
          {service ? t('mailService.apply') : t('common.add')}
        </Button>
      </Group>
    </Stack>
  );
}

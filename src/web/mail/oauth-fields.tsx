import {
  ActionIcon,
  Badge,
  Button,
  CopyButton,
  Group,
  Input,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { mailServicesApi } from '../api/mail.api.ts';
import type { MailService } from '../api/mail-types.ts';
import { useAsync } from '../common/use-async.hook.ts';
import type { FieldErrors } from '../common/use-field-errors.hook.ts';
import { OAUTH_DEFAULTS, type ServiceDraft } from './mail-service-draft.ts';

interface Props {
  draft: ServiceDraft;
  service: MailService | null;
  set(patch: Partial<ServiceDraft>): void;
  errors: FieldErrors;
}

function scopeList(scopes: MailService['scopes']): string[] | undefined {
  if (Array.isArray(scopes)) return scopes;
  if (typeof scopes === 'string' && scopes.trim()) return scopes.trim().split(/\s+/);
  return undefined;
}

/**
 * OAuth 2.0 part of the service form (MS-7, MS-13, OA-1, OA-2): the redirect URI to copy into Entra ID, the
 * client id with the permissions to grant, the write-only client secret, tenant and endpoints.
 */
export function OAuthFields({ draft, service, set, errors }: Props) {
  const { t } = useTranslation();
  // The server says which URI and scopes these settings mean (PUBLIC_URL, protocol); asked again when the
  // type, protocol or address changes, so the form never guesses.
  const address = draft.address.trim();
  const preview = useAsync(
    () =>
      mailServicesApi.oauthPreview({ type: draft.type, protocol: draft.protocol, address: address || 'example.com' }),
    [draft.type, draft.protocol, address],
  );
  const redirectUri = preview.data?.redirectUri ?? service?.redirectUri ?? '';
  const scopes = preview.data?.scopes ?? scopeList(service?.scopes) ?? [];

  return (
    <Stack gap="sm" data-testid="service-oauth">
      <Title order={6}>{t('mailService.oauthTitle')}</Title>
      <TextInput
        label={t('mailService.redirectUri')}
        description={t('mailService.redirectUriHint')}
        value={redirectUri}
        readOnly
        data-testid="service-redirect-uri"
        rightSection={
          <CopyButton value={redirectUri}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t('mailService.copied') : t('mailService.copy')} withArrow>
                <ActionIcon
                  variant="subtle"
                  color={copied ? 'teal' : 'gray'}
                  onClick={copy}
                  aria-label={t('mailService.copy')}
                  data-testid="copy-redirect-uri"
                >
                  {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Stack gap={4}>
          <TextInput
            label={t('mailService.clientId')}
            value={draft.clientId}
            onChange={(event) => set({ clientId: event.currentTarget.value })}
            error={errors.errorFor('clientId')}
            required
            autoComplete="off"
            data-testid="service-client-id"
          />
          <Input.Description>{t('mailService.scopesHint')}</Input.Description>
          <Group gap={4} data-testid="service-scopes">
            {scopes.map((scope) => (
              <Badge key={scope} size="sm" variant="light" tt="none">
                {scope}
              </Badge>
            ))}
          </Group>
        </Stack>
        {draft.secretSet && !draft.changingSecret ? (
          <Input.Wrapper label={t('mailService.clientSecret')} error={errors.errorFor('clientSecret')} required>
            <Group gap="xs" mt={4} data-testid="service-secret-state">
              <Badge color="teal" variant="light">
                {t('mailService.secretSet')}
              </Badge>
              <Button
                size="xs"
                variant="subtle"
                onClick={() => set({ changingSecret: true, clientSecret: '' })}
                data-testid="service-secret-change"
              >
                {t('mailService.secretChange')}
              </Button>
            </Group>
          </Input.Wrapper>
        ) : (
          <Stack gap={4}>
            <PasswordInput
              label={t('mailService.clientSecret')}
              description={draft.secretSet ? t('mailService.secretReplaceHint') : t('mailService.secretHint')}
              value={draft.clientSecret}
              onChange={(event) => set({ clientSecret: event.currentTarget.value })}
              error={errors.errorFor('clientSecret')}
              required
              autoComplete="new-password"
              data-testid="service-client-secret"
            />
            {draft.secretSet && (
              <Group>
                <Button size="xs" variant="subtle" onClick={() => set({ changingSecret: false, clientSecret: '' })}>
                  {t('mailService.secretKeep')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
        <TextInput
          label={t('mailService.tenant')}
          description={t('mailService.tenantHint')}
          placeholder={OAUTH_DEFAULTS.tenant}
          value={draft.tenant}
          onChange={(event) => set({ tenant: event.currentTarget.value })}
          error={errors.errorFor('tenant')}
          data-testid="service-tenant"
        />
        <TextInput
          label={t('mailService.authorityUrl')}
          placeholder={OAUTH_DEFAULTS.authorityUrl}
          value={draft.authorityUrl}
          onChange={(event) => set({ authorityUrl: event.currentTarget.value })}
          error={errors.errorFor('authorityUrl')}
          data-testid="service-authority-url"
        />
        {draft.type === 'exchange' && (
          <TextInput
            label={t('mailService.graphUrl')}
            placeholder={OAUTH_DEFAULTS.graphUrl}
            value={draft.graphUrl}
            onChange={(event) => set({ graphUrl: event.currentTarget.value })}
            error={errors.errorFor('graphUrl')}
            data-testid="service-graph-url"
          />
        )}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('mailService.endpointsHint')}
      </Text>
    </Stack>
  );
}

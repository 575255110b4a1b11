import { Button, Group, Input, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../api/api-types.ts';
import { sessionApi } from '../api/session.api.ts';
import { notifySuccess } from '../common/notify.ts';
import { PageHeader } from '../common/page-header.tsx';
import { useFieldErrors } from '../common/use-field-errors.hook.ts';
import { useCurrentUser, useSession } from '../session/use-session.hook.ts';
import { EmailAccountsSection } from './email-accounts-section.tsx';
import { PasswordForm } from './password-form.tsx';
import { TimeZoneSelect } from './time-zone-select.tsx';

/** The user's own profile: name, language (switches the UI), time zone, password, email accounts. */
export function ProfilePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { setUser } = useSession();
  const errors = useFieldErrors();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [language, setLanguage] = useState<Language>(user.language);
  const [timeZone, setTimeZone] = useState(user.timeZone);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setDisplayName(user.displayName);
    setLanguage(user.language);
    setTimeZone(user.timeZone);
  }, [user]);

  const save = async () => {
    setSaving(true);
    errors.clear();
    try {
      const updated = await sessionApi.updateProfile({ displayName, language, timeZone });
      // The UI language follows the saved profile.
      setUser(updated);
      notifySuccess(t('profile.saved', { lng: updated.language }));
    } catch (error) {
      errors.handle(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="profile-page">
      <PageHeader title={t('profile.title')} />
      <Stack gap="lg" maw={820}>
        <Paper withBorder p="md">
          <Title order={4} mb="sm">
            {t('profile.general')}
          </Title>
          <Stack gap="sm" maw={420}>
            <Text size="sm" c="dimmed">
              {t('profile.login', { login: user.login })}
            </Text>
            <TextInput
              label={t('profile.displayName')}
              value={displayName}
              onChange={(event) => setDisplayName(event.currentTarget.value)}
              error={errors.errorFor('displayName')}
              data-testid="profile-display-name"
            />
            <Input.Wrapper label={t('profile.language')} error={errors.errorFor('language')}>
              <SegmentedControl
                display="flex"
                w="fit-content"
                value={language}
                onChange={(value) => setLanguage(value as Language)}
                data={[
                  { value: 'en', label: 'English' },
                  { value: 'ru', label: 'Русский' },
                ]}
                data-testid="profile-language"
              />
            </Input.Wrapper>
            <TimeZoneSelect
              label={t('profile.timeZone')}
              value={timeZone}
              onChange={setTimeZone}
              error={errors.errorFor('timeZone')}
              data-testid="profile-time-zone"
            />
            <Group>
              <Button onClick={save} loading={saving} data-testid="profile-save">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Title order={4} mb="sm">
            {t('profile.password')}
          </Title>
          <PasswordForm />
        </Paper>
        <Paper withBorder p="md">
          <Title order={4} mb="sm">
            {t('profile.emailAccounts')}
          </Title>
          <EmailAccountsSection />
        </Paper>
      </Stack>
    </div>
  );
}

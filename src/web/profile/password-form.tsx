import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionApi } from '../api/session.api.ts';
import { notifySuccess } from '../common/notify.ts';
import { useFieldErrors } from '../common/use-field-errors.hook.ts';

/** Change one's own password; the current one is required. */
export function PasswordForm() {
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [currentPassword, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [saving, setSaving] = useState(false);
  const mismatch = repeat.length > 0 && repeat !== password;

  const save = async () => {
    setSaving(true);
    errors.clear();
    try {
      await sessionApi.updateProfile({ password, currentPassword });
      setCurrent('');
      setPassword('');
      setRepeat('');
      notifySuccess(t('profile.passwordChanged'));
    } catch (error) {
      errors.handle(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="sm" maw={420} data-testid="password-form">
      <PasswordInput
        label={t('profile.currentPassword')}
        value={currentPassword}
        onChange={(event) => setCurrent(event.currentTarget.value)}
        error={errors.errorFor('currentPassword')}
        autoComplete="current-password"
      />
      <PasswordInput
        label={t('profile.newPassword')}
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
        error={errors.errorFor('password')}
        autoComplete="new-password"
      />
      <PasswordInput
        label={t('profile.repeatPassword')}
        value={repeat}
        onChange={(event) => setRepeat(event.currentTarget.value)}
        error={mismatch ? t('profile.passwordsDiffer') : undefined}
        autoComplete="new-password"
      />
      <Group>
        <Button
          onClick={save}
          loading={saving}
          disabled={!currentPassword || !password || repeat !== password}
          data-testid="password-save"
        >
          {t('profile.changePassword')}
        </Button>
      </Group>
    </Stack>
  );
}

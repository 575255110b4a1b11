import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { ApiError } from '../api/api-client.ts';
import type { Language } from '../api/api-types.ts';
import { describeError } from '../common/notify.ts';
import { applyLanguage } from '../i18n/i18n.ts';
import { useSession } from '../session/use-session.hook.ts';

/** Sign-in form; the language switch here only changes this browser until the user signs in. */
export function SignInPage() {
  const { t, i18n } = useTranslation();
  const { status, signIn } = useSession();
  const location = useLocation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (status === 'signedIn') return <Navigate to={from} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(login.trim(), password);
    } catch (reason) {
      if (reason instanceof ApiError && (reason.status === 401 || reason.status === 400)) {
        setError(t('signIn.wrongCredentials'));
      } else if (reason instanceof ApiError && reason.status === 429) {
        setError(t('signIn.tooManyAttempts'));
      } else {
        setError(describeError(t, reason));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <form onSubmit={submit} data-testid="sign-in-form">
          <Stack>
            <Group justify="space-between" wrap="nowrap">
              <Title order={2}>{t('app.name')}</Title>
              <SegmentedControl
                size="xs"
                aria-label={t('profile.language')}
                value={i18n.language === 'ru' ? 'ru' : 'en'}
                onChange={(value) => applyLanguage(value as Language)}
                data={[
                  { value: 'en', label: 'EN' },
                  { value: 'ru', label: 'RU' },
                ]}
                data-testid="sign-in-language"
              />
            </Group>
            <Text c="dimmed" size="sm">
              {t('signIn.subtitle')}
            </Text>
            {error && (
              <Alert color="red" icon={<IconAlertCircle />} data-testid="sign-in-error">
                {error}
              </Alert>
            )}
            <TextInput
              label={t('signIn.login')}
              value={login}
              onChange={(event) => setLogin(event.currentTarget.value)}
              autoComplete="username"
              required
              data-testid="sign-in-login"
            />
            <PasswordInput
              label={t('signIn.password')}
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              autoComplete="current-password"
              required
              data-testid="sign-in-password"
            />
            <Button type="submit" loading={busy} fullWidth data-testid="sign-in-submit">
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

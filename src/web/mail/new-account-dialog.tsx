import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowLeft, IconBrandWindows, IconPlus } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../api/api-client.ts';
import { mailboxesApi, mailServicesApi } from '../api/mail.api.ts';
import type { MailService } from '../api/mail-types.ts';
import { notifySuccess } from '../common/notify.ts';
import { useFieldErrors } from '../common/use-field-errors.hook.ts';
import { useSession } from '../session/use-session.hook.ts';
import { describeMailError } from './mail-errors.ts';
import { MailServiceForm } from './mail-service-form.tsx';
import { startOAuth } from './oauth-draft.ts';
import { ServiceChooser } from './service-chooser.tsx';
import { ServiceSummary } from './service-summary.tsx';

type Step = 'email' | 'choose' | 'addService' | 'credentials';

interface Props {
  opened: boolean;
  onClose(): void;
  onCreated(): void;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The login the service will use (MS-5), shown so the user knows what is sent; the server computes the same. */
function impliedLogin(service: MailService, email: string): string {
  return service.loginFormat === 'mailboxName' ? (email.split('@')[0] ?? email) : email;
}

/**
 * «Новая учетная запись» (MB-1, MS-8): email → «Далее» → the provider detected by domain (MS-9) or chosen
 * (administrators may «Добавить провайдер» here) → a password as the login format asks (MS-5), tested by the
 * server before saving (MB-3), or «Войти через Microsoft» for OAuth 2.0 services (§6).
 */
export function NewAccountDialog({ opened, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { isAdmin } = useSession();
  const navigate = useNavigate();
  const narrow = useMediaQuery('(max-width: 36em)') ?? false;
  const errors = useFieldErrors();
  const [step, setStep] = useState<Step>('email');
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | undefined>();
  const [services, setServices] = useState<MailService[]>([]);
  const [detectedIds, setDetectedIds] = useState<string[]>([]);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: every opening starts afresh.
  useEffect(() => {
    if (!opened) return;
    setStep('email');
    setEmail('');
    setEmailError(undefined);
    setServiceId(null);
    setLogin('');
    setPassword('');
    setFailure(null);
    errors.clear();
  }, [opened]);

  const service = services.find((s) => s.id === serviceId) ?? null;

  const next = async (event?: FormEvent) => {
    event?.preventDefault();
    const address = email.trim();
    if (!EMAIL.test(address)) {
      setEmailError(t('errors.rules.email'));
      return;
    }
    setEmailError(undefined);
    setBusy(true);
    try {
      const [all, detected] = await Promise.all([
        mailServicesApi.list(),
        mailServicesApi.detect(address).catch(() => ({ items: [] as MailService[] })),
      ]);
      setServices(all.items);
      const ids = detected.items.map((s) => s.id);
      setDetectedIds(ids);
      // MS-9: one match is chosen for the user; several or none are offered to choose from.
      if (ids.length === 1) {
        setServiceId(ids[0] ?? null);
        setStep('credentials');
      } else {
        setServiceId(ids[0] ?? null);
        setStep('choose');
      }
    } catch (error) {
      setEmailError(describeMailError(t, error));
    } finally {
      setBusy(false);
    }
  };

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!service) return;
    setBusy(true);
    setFailure(null);
    errors.clear();
    try {
      const created = await mailboxesApi.create({
        email: email.trim(),
        mailServiceId: service.id,
        ...(service.loginFormat === 'manual' && { login: login.trim() }),
        password,
      });
      notifySuccess(t('mailbox.created', { email: created.email }));
      onCreated();
      onClose();
      navigate(`/mailboxes/${created.id}/settings?connected=1`);
    } catch (error) {
      // MB-3: a failed connection test is told in words, next to the form; nothing was saved.
      if (error instanceof ApiError && error.code === 'TANDEM_ERR_CONNECTION') setFailure(describeMailError(t, error));
      else if (error instanceof ApiError && error.field === 'email' && error.details?.rule === 'taken') {
        setFailure(t('mailbox.alreadyConnected', { email: email.trim() }));
      } else errors.handle(error);
    } finally {
      setBusy(false);
    }
  };

  const title = step === 'addService' ? t('mailService.addTitle') : t('mailbox.newAccount');

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={step === 'addService' ? 'xl' : 'lg'}
      fullScreen={narrow}
      data-testid="new-account-dialog"
    >
      {step === 'email' && (
        <form onSubmit={next}>
          <Stack data-testid="new-account-email-step">
            <Text size="sm">{t('mailbox.enterEmail')}</Text>
            <TextInput
              label={t('mailbox.email')}
              placeholder="name@example.com"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={emailError}
              type="email"
              autoComplete="email"
              data-autofocus
              required
              data-testid="new-account-email"
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy} data-testid="new-account-next">
                {t('mailbox.next')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}

      {step === 'choose' && (
        <Stack data-testid="new-account-choose-step">
          <ServiceChooser
            email={email.trim()}
            services={services}
            detectedIds={detectedIds}
            value={serviceId}
            onChange={setServiceId}
          />
          <Group justify="space-between">
            <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={() => setStep('email')}>
              {t('mailbox.back')}
            </Button>
            <Group gap="xs">
              {isAdmin && (
                <Button
                  variant="light"
                  leftSection={<IconPlus size={16} />}
                  onClick={() => setStep('addService')}
                  data-testid="new-account-add-provider"
                >
                  {t('mailbox.addProvider')}
                </Button>
              )}
              <Button disabled={!service} onClick={() => setStep('credentials')} data-testid="new-account-choose-next">
                {t('mailbox.next')}
              </Button>
            </Group>
          </Group>
        </Stack>
      )}

      {step === 'addService' && (
        <MailServiceForm
          service={null}
          onCancel={() => setStep('choose')}
          onSaved={(created) => {
            setServices((prev) => [...prev, created]);
            setServiceId(created.id);
            setStep('choose');
          }}
        />
      )}

      {step === 'credentials' && service && (
        <form onSubmit={save}>
          <Stack data-testid="new-account-credentials-step">
            <ServiceSummary
              email={email.trim()}
              service={service}
              detected={detectedIds.includes(service.id)}
              onChange={() => setStep('choose')}
            />
            {service.auth === 'oauth2' ? (
              <>
                <Text size="sm">{t('mailbox.oauthExplain')}</Text>
                <Group justify="space-between">
                  <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={() => setStep('email')}>
                    {t('mailbox.back')}
                  </Button>
                  <Button
                    leftSection={<IconBrandWindows size={16} />}
                    onClick={() => startOAuth({ email: email.trim(), mailServiceId: service.id })}
                    data-testid="new-account-oauth"
                  >
                    {t('mailbox.signInMicrosoft')}
                  </Button>
                </Group>
              </>
            ) : (
              <>
                {service.loginFormat === 'manual' ? (
                  <TextInput
                    label={t('mailbox.login')}
                    value={login}
                    onChange={(event) => setLogin(event.currentTarget.value)}
                    error={errors.errorFor('login')}
                    autoComplete="username"
                    required
                    data-testid="new-account-login"
                  />
                ) : (
                  <Text size="sm" c="dimmed" data-testid="new-account-implied-login">
                    {t('mailbox.impliedLogin', { login: impliedLogin(service, email.trim()) })}
                  </Text>
                )}
                <PasswordInput
                  label={t('mailbox.password')}
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  error={errors.errorFor('password')}
                  autoComplete="current-password"
                  required
                  data-testid="new-account-password"
                />
                {!failure && (errors.errorFor('email') ?? errors.errorFor('mailServiceId')) && (
                  <Alert color="red" icon={<IconAlertTriangle />} data-testid="new-account-error">
                    {errors.errorFor('email') ?? errors.errorFor('mailServiceId')}
                  </Alert>
                )}
                {failure && (
                  <Alert
                    color="red"
                    icon={<IconAlertTriangle />}
                    title={t('mailbox.testFailed')}
                    data-testid="new-account-failure"
                  >
                    {failure}
                  </Alert>
                )}
                <Text size="xs" c="dimmed">
                  {t('mailbox.testBeforeSave')}
                </Text>
                <Group justify="space-between">
                  <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={() => setStep('email')}>
                    {t('mailbox.back')}
                  </Button>
                  <Button
                    type="submit"
                    loading={busy}
                    disabled={!password || (service.loginFormat === 'manual' && !login.trim())}
                    data-testid="new-account-save"
                  >
                    {t('common.save')}
                  </Button>
                </Group>
              </>
            )}
          </Stack>
        </form>
      )}
    </Modal>
  );
}

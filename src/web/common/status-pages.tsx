import { Button, Center, EmptyState, Loader } from '@mantine/core';
import { IconFileUnknown, IconLock, IconMoodSad } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/api-client.ts';
import { describeError } from './notify.ts';

/** Centered spinner while a page loads. */
export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py="xl" data-testid="page-loader">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/** Shown for pages the user's role does not open (e.g. Administration without CanManageAdministration). */
export function NoAccessPage() {
  const { t } = useTranslation();
  return (
    <EmptyState
      mt="xl"
      data-testid="no-access"
      icon={<IconLock />}
      title={t('status.noAccessTitle')}
      description={t('status.noAccessText')}
    >
      <Button component={Link} to="/" variant="light">
        {t('status.goHome')}
      </Button>
    </EmptyState>
  );
}

/** A record that does not exist or is not readable: the API answers 404 for both, so does the UI. */
export function RecordNotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyState
      mt="xl"
      data-testid="record-not-found"
      icon={<IconFileUnknown />}
      title={t('status.recordNotFoundTitle')}
      description={t('status.recordNotFoundText')}
    >
      <Button component={Link} to="/" variant="light">
        {t('status.goHome')}
      </Button>
    </EmptyState>
  );
}

/** Unknown URL. */
export function PageNotFound() {
  const { t } = useTranslation();
  return (
    <EmptyState
      mt="xl"
      data-testid="page-not-found"
      icon={<IconMoodSad />}
      title={t('status.pageNotFoundTitle')}
      description={t('status.pageNotFoundText')}
    >
      <Button component={Link} to="/" variant="light">
        {t('status.goHome')}
      </Button>
    </EmptyState>
  );
}

/** A page whose load failed: 404/403 mean "not found or no access", anything else is an error with retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return <RecordNotFoundPage />;
  return (
    <EmptyState
      mt="xl"
      data-testid="load-error"
      icon={<IconMoodSad />}
      title={t('errors.title')}
      description={describeError(t, error)}
    >
      {onRetry && (
        <Button variant="light" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </EmptyState>
  );
}

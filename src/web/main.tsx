import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router-dom';
import { AppRoutes } from './app-routes.tsx';
import './i18n/i18n.ts';
import { SessionProvider } from './session/session-context.tsx';
import { themeFor } from './theme.ts';

/** The component library in the UI language: its worded defaults and the date pickers follow it. */
function LocalizedMantine({ children }: { children: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the theme changes with the language only.
  const theme = useMemo(() => themeFor(t('common.togglePassword')), [i18n.language]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {children}
    </MantineProvider>
  );
}

/** Date pickers follow the UI language; weeks start on Monday in both locales. */
function LocalizedDates({ children }: { children: React.ReactNode }) {
  const { i18n } = useTranslation();
  return <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}

const root = document.getElementById('root');
if (!root) throw new Error('#root missing in index.html');

createRoot(root).render(
  <StrictMode>
    <LocalizedMantine>
      <LocalizedDates>
        <Notifications position="bottom-right" autoClose={4000} limit={3} />
        <BrowserRouter>
          <SessionProvider>
            <AppRoutes />
          </SessionProvider>
        </BrowserRouter>
      </LocalizedDates>
    </LocalizedMantine>
  </StrictMode>,
);

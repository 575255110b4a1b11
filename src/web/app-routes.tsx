import { Navigate, Route, Routes } from 'react-router-dom';
import { AccountListPage } from './accounts/account-list.page.tsx';
import { AccountRecordPage } from './accounts/account-record.page.tsx';
import { ActivityCalendarPage } from './activities/activity-calendar.page.tsx';
import { ActivityListPage } from './activities/activity-list.page.tsx';
import { ActivityRecordPage } from './activities/activity-record.page.tsx';
import { AdminPage } from './admin/admin.page.tsx';
import { RequireAdmin, RequireSession } from './auth/route-guards.tsx';
import { SignInPage } from './auth/sign-in.page.tsx';
import { PageNotFound } from './common/status-pages.tsx';
import { ContactListPage } from './contacts/contact-list.page.tsx';
import { ContactRecordPage } from './contacts/contact-record.page.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { MailboxHealthPage } from './mail/mailbox-health.page.tsx';
import { MailboxSettingsPage } from './mail/mailbox-settings.page.tsx';
import { MailboxesPage } from './mail/mailboxes.page.tsx';
import { MailboxesProvider } from './mail/mailboxes-context.tsx';
import { OAuthResultPage } from './mail/oauth-result.page.tsx';
import { ProfilePage } from './profile/profile.page.tsx';
import { SyncJournalPage } from './sync/sync-journal.page.tsx';

/** URL map of the UI. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route
        element={
          <RequireSession>
            {/* The user's mailboxes and the one new-account dialog, shared by every page (MS-8). */}
            <MailboxesProvider>
              <AppLayout />
            </MailboxesProvider>
          </RequireSession>
        }
      >
        <Route index element={<Navigate to="/contacts" replace />} />
        <Route path="contacts" element={<ContactListPage />} />
        <Route path="contacts/:id" element={<ContactRecordPage />} />
        <Route path="accounts" element={<AccountListPage />} />
        <Route path="accounts/:id" element={<AccountRecordPage />} />
        <Route path="activities" element={<ActivityListPage />} />
        <Route path="activities/:id" element={<ActivityRecordPage />} />
        <Route path="calendar" element={<ActivityCalendarPage />} />
        <Route
          path="admin/:tab?"
          element={
            <RequireAdmin>
              <AdminPage />
            </RequireAdmin>
          }
        />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="mailboxes" element={<MailboxesPage />} />
        <Route path="mailboxes/oauth-result" element={<OAuthResultPage />} />
        <Route path="mailboxes/:id/settings" element={<MailboxSettingsPage />} />
        <Route path="mailboxes/:id/health" element={<MailboxHealthPage />} />
        <Route path="mailboxes/:id/journal" element={<SyncJournalPage />} />
        <Route path="*" element={<PageNotFound />} />
      </Route>
    </Routes>
  );
}

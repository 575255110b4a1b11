import { NavLink, Stack } from '@mantine/core';
import {
  IconAddressBook,
  IconBuilding,
  IconCalendarWeek,
  IconChecklist,
  IconSettings,
  IconUserCircle,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useSession } from '../session/use-session.hook.ts';

interface Item {
  to: string;
  label: string;
  icon: typeof IconAddressBook;
  testId: string;
  /** Exact match only (the calendar lives under /activities too). */
  exact?: boolean;
}

/** Main navigation; Administration only for users with CanManageAdministration. */
export function NavMenu({ onNavigate }: { onNavigate(): void }) {
  const { t } = useTranslation();
  const { isAdmin } = useSession();
  const { pathname } = useLocation();

  const items: Item[] = [
    { to: '/contacts', label: t('nav.contacts'), icon: IconAddressBook, testId: 'nav-contacts' },
    { to: '/accounts', label: t('nav.accounts'), icon: IconBuilding, testId: 'nav-accounts' },
    { to: '/activities', label: t('nav.activities'), icon: IconChecklist, testId: 'nav-activities' },
    { to: '/calendar', label: t('nav.calendar'), icon: IconCalendarWeek, testId: 'nav-calendar' },
  ];
  if (isAdmin) items.push({ to: '/admin', label: t('nav.admin'), icon: IconSettings, testId: 'nav-admin' });
  items.push({ to: '/profile', label: t('nav.profile'), icon: IconUserCircle, testId: 'nav-profile' });

  return (
    <Stack gap={2} component="nav" aria-label={t('nav.main')}>
      {items.map((item) => (
        <NavLink
          key={item.to}
          component={Link}
          to={item.to}
          label={item.label}
          leftSection={<item.icon size={18} />}
          active={item.exact ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`)}
          onClick={onNavigate}
          data-testid={item.testId}
        />
      ))}
    </Stack>
  );
}

import { ActionIcon, Anchor, AppShell, Burger, Drawer, Group, ScrollArea, Title, Tooltip } from '@mantine/core';
import { useDisclosure, useLocalStorage, useMediaQuery } from '@mantine/hooks';
import { IconLayoutSidebarRightCollapse, IconMail } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router-dom';
import { NeedsSignInBanner } from '../mail/needs-sign-in-banner.tsx';
import { CommPanelContent, CommPanelRail } from './comm-panel.tsx';
import { NavMenu } from './nav-menu.tsx';
import { UserMenu } from './user-menu.tsx';

/**
 * Header, navigation (burger below `sm`), the «Требуется вход» banner (OA-3), page, and the communication panel
 * on the right edge.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const [navOpened, nav] = useDisclosure(false);
  const narrow = useMediaQuery('(max-width: 62em)') ?? false;
  // The panel's open state survives reloads: people tend to keep it open or closed.
  const [commOpen, setCommOpen] = useLocalStorage({ key: 'tandem.commPanel', defaultValue: false });
  const [drawerOpened, drawer] = useDisclosure(false);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      aside={{ width: commOpen ? 320 : 48, breakpoint: 'md', collapsed: { mobile: true } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('header.toggleNavigation')}
              data-testid="burger"
            />
            <Anchor component={Link} to="/" underline="never" c="inherit" data-testid="home-link">
              <Title order={3}>{t('app.name')}</Title>
            </Anchor>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {narrow && (
              <ActionIcon
                variant="subtle"
                size="lg"
                onClick={drawer.open}
                aria-label={t('comm.open')}
                data-testid="comm-drawer-open"
              >
                <IconMail size={20} />
              </ActionIcon>
            )}
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs">
        <ScrollArea>
          <NavMenu onNavigate={nav.close} />
        </ScrollArea>
      </AppShell.Navbar>

      <AppShell.Aside p={commOpen ? 'sm' : 4} data-testid="comm-aside">
        {commOpen ? (
          <>
            <Group justify="flex-end" mb={4}>
              <Tooltip label={t('comm.collapse')}>
                <ActionIcon
                  variant="subtle"
                  onClick={() => setCommOpen(false)}
                  aria-label={t('comm.collapse')}
                  data-testid="comm-collapse"
                >
                  <IconLayoutSidebarRightCollapse size={18} />
                </ActionIcon>
              </Tooltip>
            </Group>
            <CommPanelContent />
          </>
        ) : (
          <CommPanelRail onOpen={() => setCommOpen(true)} />
        )}
      </AppShell.Aside>

      <AppShell.Main>
        <NeedsSignInBanner />
        <Outlet />
      </AppShell.Main>

      <Drawer opened={drawerOpened && narrow} onClose={drawer.close} position="right" size="sm" title={t('comm.title')}>
        <CommPanelContent onNavigate={drawer.close} />
      </Drawer>
    </AppShell>
  );
}

import { ActionIcon, EmptyState, Group, Menu, Stack, Tabs, Text, Tooltip } from '@mantine/core';
import { IconDots, IconMail, IconMailOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/**
 * Communication panel content (right edge). The Email tab is a placeholder until mailboxes
 * exist (MS-8 adds accounts from its ⋯ menu); it says so rather than showing nothing.
 */
export function CommPanelContent() {
  const { t } = useTranslation();
  return (
    <Tabs defaultValue="email" data-testid="comm-panel">
      <Tabs.List>
        <Tabs.Tab value="email" leftSection={<IconMail size={16} />}>
          {t('comm.email')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="email" pt="sm">
        <Group justify="flex-end">
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" aria-label={t('comm.more')}>
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item disabled>{t('comm.newAccount')}</Menu.Item>
              <Menu.Item component={Link} to="/profile">
                {t('comm.openProfile')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
        <EmptyState
          size="sm"
          icon={<IconMailOff />}
          title={t('comm.noMailboxTitle')}
          description={t('comm.noMailboxText')}
        />
      </Tabs.Panel>
    </Tabs>
  );
}

/** The thin strip shown when the panel is collapsed: one button per tab. */
export function CommPanelRail({ onOpen }: { onOpen(): void }) {
  const { t } = useTranslation();
  return (
    <Stack align="center" gap="xs" pt="xs">
      <Tooltip label={t('comm.email')} position="left">
        <ActionIcon variant="subtle" size="lg" onClick={onOpen} aria-label={t('comm.open')} data-testid="comm-open">
          <IconMail size={20} />
        </ActionIcon>
      </Tooltip>
      <Text size="xs" c="dimmed" style={{ writingMode: 'vertical-rl' }}>
        {t('comm.title')}
      </Text>
    </Stack>
  );
}

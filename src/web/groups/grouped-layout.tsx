import { Box, Button, Drawer, Flex, Paper } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconFolders } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Groups beside the list on wide screens; behind a "Groups" button (drawer) on narrow ones. */
export function GroupedLayout({ panel, children }: { panel: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 75em)') ?? false;
  const [opened, drawer] = useDisclosure(false);

  if (narrow) {
    return (
      <Box>
        <Button
          variant="light"
          size="xs"
          mb="sm"
          leftSection={<IconFolders size={16} />}
          onClick={drawer.open}
          data-testid="groups-open"
        >
          {t('groups.title')}
        </Button>
        {/* Closing on click lets a chosen group show at once. */}
        <Drawer opened={opened} onClose={drawer.close} title={t('groups.title')} size="xs">
          {panel}
        </Drawer>
        {children}
      </Box>
    );
  }
  return (
    <Flex gap="md" align="flex-start">
      <Paper withBorder p="xs" w={200} style={{ flexShrink: 0 }}>
        {panel}
      </Paper>
      <Box style={{ flex: 1, minWidth: 0 }}>{children}</Box>
    </Flex>
  );
}

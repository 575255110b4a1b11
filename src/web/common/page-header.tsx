import { Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** Page title with its action buttons; wraps on narrow screens. */
export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <Group justify="space-between" mb="md" gap="sm" wrap="wrap">
      <Title order={2} data-testid="page-title" style={{ wordBreak: 'break-word' }}>
        {title}
      </Title>
      {children && <Group gap="xs">{children}</Group>}
    </Group>
  );
}

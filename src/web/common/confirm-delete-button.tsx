import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from './confirm-modal.tsx';

interface Props {
  /** What is being deleted, shown in the question. */
  name: string;
  onConfirm(): Promise<void>;
  disabled?: boolean;
  testId?: string;
  compact?: boolean;
}

/** Delete button that asks first; deleting cannot be undone. */
export function ConfirmDeleteButton({ name, onConfirm, disabled, testId = 'delete-button', compact }: Props) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button
        color="red"
        variant={compact ? 'subtle' : 'light'}
        size={compact ? 'xs' : 'sm'}
        leftSection={<IconTrash size={16} />}
        onClick={open}
        disabled={disabled}
        data-testid={testId}
      >
        {t('common.delete')}
      </Button>
      <ConfirmModal
        opened={opened}
        onClose={close}
        text={t('common.confirmDeleteText', { name })}
        onConfirm={onConfirm}
      />
    </>
  );
}

import { Button, Group, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  opened: boolean;
  onClose(): void;
  /** The question, e.g. "Delete «Partners»?" */
  text: string;
  confirmLabel?: string;
  onConfirm(): Promise<void>;
}

/** Asks before a destructive action; stays open (and busy) while the action runs. */
export function ConfirmModal({ opened, onClose, text, confirmLabel, onConfirm }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      onClose();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('common.confirmDeleteTitle')} centered>
      <Text mb="md">{text}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button color="red" loading={busy} onClick={confirm} data-testid="confirm-delete">
          {confirmLabel ?? t('common.delete')}
        </Button>
      </Group>
    </Modal>
  );
}

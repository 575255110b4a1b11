import { Button, Group, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteButton } from '../common/confirm-delete-button.tsx';
import { notifyError, notifySuccess } from '../common/notify.ts';
import { LoadError, PageLoader } from '../common/status-pages.tsx';
import type { AsyncState } from '../common/use-async.hook.ts';
import type { FieldErrors } from '../common/use-field-errors.hook.ts';

/** The loader or load error of an admin tab's list, or null once it is loaded. */
export function listLoadState(list: AsyncState<unknown>): ReactNode {
  if (list.loading && !list.data) return <PageLoader />;
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  return null;
}

/** Deletes one row, then confirms and reloads; a refusal is notified. */
export async function removeRow(t: TFunction, remove: () => Promise<unknown>, onRemoved: () => void) {
  try {
    await remove();
    notifySuccess(t('record.deleted'));
    onRemoved();
  } catch (error) {
    notifyError(t, error);
  }
}

interface ToolbarProps {
  /** Dimmed text on the left of the add button. */
  intro?: string;
  addLabel: string;
  onAdd(): void;
  addTestId: string;
}

/** The row above an admin table: an optional intro and the add button. */
export function AdminToolbar({ intro, addLabel, onAdd, addTestId }: ToolbarProps) {
  return (
    <Group justify={intro === undefined ? 'flex-end' : 'space-between'} mb="sm">
      {intro !== undefined && (
        <Text size="sm" c="dimmed">
          {intro}
        </Text>
      )}
      <Button leftSection={<IconPlus size={16} />} onClick={onAdd} data-testid={addTestId}>
        {addLabel}
      </Button>
    </Group>
  );
}

interface TableProps {
  minWidth: number;
  highlightOnHover?: boolean;
  /** Header cells; an empty one for the actions column is added at the end. */
  head: ReactNode;
  children: ReactNode;
}

/** A striped, horizontally scrollable admin table with an actions column. */
export function AdminTable({ minWidth, highlightOnHover, head, children }: TableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table striped highlightOnHover={highlightOnHover}>
        <Table.Thead>
          <Table.Tr>
            {head}
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface RowActionsProps {
  onEdit(): void;
  editTestId?: string;
  /** The name the delete confirmation shows; no delete button without it. */
  deleteName?: string;
  onDelete(): Promise<void>;
  deleteTestId?: string;
}

/** The edit and delete buttons at the end of an admin table row. */
export function RowActions({ onEdit, editTestId, deleteName, onDelete, deleteTestId }: RowActionsProps) {
  const { t } = useTranslation();
  return (
    <Table.Td>
      <Group gap={4} justify="flex-end" wrap="nowrap">
        <Button size="xs" variant="subtle" onClick={onEdit} data-testid={editTestId}>
          {t('common.edit')}
        </Button>
        {deleteName !== undefined && (
          <ConfirmDeleteButton compact name={deleteName} onConfirm={onDelete} testId={deleteTestId} />
        )}
      </Group>
    </Table.Td>
  );
}

/** Save handling of an admin form modal: runs `submit`, confirms, reports field errors, closes on success. */
export function useModalSave(
  errors: FieldErrors,
  submit: () => Promise<unknown>,
  onSaved: () => void,
  onClose: () => void,
) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    errors.clear();
    try {
      await submit();
      notifySuccess(t('record.saved'));
      onSaved();
      onClose();
    } catch (error) {
      errors.handle(error);
    } finally {
      setSaving(false);
    }
  };
  return { saving, save };
}

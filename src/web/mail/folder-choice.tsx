import { Alert, Checkbox, Input, Radio, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FolderChoice as Choice, RemoteFolder } from '../api/mail-types.ts';

interface Props {
  value: Choice;
  onChange(value: Choice): void;
  /** «Загружать все …» */
  allLabel: string;
  /** «Загружать … из выбранных папок/календарей MS Exchange» */
  selectedLabel: string;
  /** The mailbox's folders of this kind; undefined while loading or when the server could not list them. */
  folders: RemoteFolder[] | undefined;
  /** Why the folder list is missing (the server could not list it), or undefined when it loaded. */
  foldersProblem: string | undefined;
  disabled?: boolean;
  error?: string;
  testId: string;
}

interface Node {
  folder: RemoteFolder;
  depth: number;
}

/** Folders in tree order (parents before children), each with its depth. */
function treeOrder(folders: RemoteFolder[]): Node[] {
  const ids = new Set(folders.map((f) => f.id));
  const children = new Map<string | null, RemoteFolder[]>();
  for (const folder of folders) {
    const parent = folder.parentId && ids.has(folder.parentId) ? folder.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), folder]);
  }
  const out: Node[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const folder of children.get(parent) ?? []) {
      out.push({ folder, depth });
      walk(folder.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/**
 * "All" or "the ticked ones" over a folder tree from `GET /api/mailboxes/:id/folders` (CT-1, AC-1, AC-2, ML-5).
 * Chosen folders the server no longer lists stay visible (by id) so they can be unticked.
 */
export function FolderChoice(props: Props) {
  const { value, onChange, folders, foldersProblem, disabled, error, testId } = props;
  const { t } = useTranslation();
  const chosen = value === 'all' ? [] : value;
  const nodes = treeOrder(folders ?? []);
  const known = new Set(nodes.map((n) => n.folder.id));
  const missing = chosen.filter((id) => !known.has(id));
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...chosen.filter((x) => x !== id), id] : chosen.filter((x) => x !== id));

  return (
    <Input.Wrapper error={error} data-testid={testId}>
      <Radio.Group
        value={value === 'all' ? 'all' : 'selected'}
        onChange={(mode) => onChange(mode === 'all' ? 'all' : chosen)}
      >
        <Stack gap={6}>
          <Radio value="all" label={props.allLabel} disabled={disabled} data-testid={`${testId}-all`} />
          <Radio value="selected" label={props.selectedLabel} disabled={disabled} data-testid={`${testId}-selected`} />
        </Stack>
      </Radio.Group>
      {value !== 'all' && (
        <Stack gap={4} mt="xs" ml="lg" data-testid={`${testId}-tree`}>
          {foldersProblem && (
            <Alert color="yellow" icon={<IconAlertTriangle />} p="xs" data-testid="folders-unavailable">
              {t('mailboxSettings.foldersUnavailable', { reason: foldersProblem })}
            </Alert>
          )}
          {!foldersProblem && folders && nodes.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('mailboxSettings.noFolders')}
            </Text>
          )}
          {nodes.map(({ folder, depth }) => (
            <Checkbox
              key={folder.id}
              label={folder.name}
              title={folder.path}
              checked={chosen.includes(folder.id)}
              onChange={(event) => toggle(folder.id, event.currentTarget.checked)}
              disabled={disabled}
              style={{ paddingLeft: depth * 20 }}
              data-testid="folder-option"
              data-path={folder.path}
            />
          ))}
          {missing.map((id) => (
            <Checkbox
              key={id}
              label={t('mailboxSettings.unknownFolder', { id })}
              checked
              onChange={() => toggle(id, false)}
              disabled={disabled}
            />
          ))}
        </Stack>
      )}
    </Input.Wrapper>
  );
}

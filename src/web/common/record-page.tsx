import { Alert, Button, Group, Paper, Tabs, Text } from '@mantine/core';
import { IconArrowLeft, IconDeviceFloppy, IconLock } from '@tabler/icons-react';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { RecordsApi } from '../api/records.api.ts';
import { useCurrentUser, useSession } from '../session/use-session.hook.ts';
import { ConfirmDeleteButton } from './confirm-delete-button.tsx';
import { formatDateTime } from './date-time.ts';
import { GrantsTab } from './grants-tab.tsx';
import { notifyError, notifySuccess } from './notify.ts';
import { PageHeader } from './page-header.tsx';
import { LoadError, PageLoader } from './status-pages.tsx';
import { useAsync } from './use-async.hook.ts';
import { type FieldErrors, useFieldErrors } from './use-field-errors.hook.ts';

interface Base {
  id: string;
  ownerId: string;
  modifiedAt?: string;
  permissions?: { edit: boolean; delete: boolean };
}

export interface EditorArgs<T> {
  draft: T;
  set(patch: Partial<T>): void;
  errors: FieldErrors;
  readOnly: boolean;
  isNew: boolean;
}

export interface ExtraTab<T> {
  value: string;
  label: string;
  /** Field-name prefixes whose errors live on this tab (switches to it on a validation error). */
  fields?: string[];
  render(args: EditorArgs<T>): ReactNode;
}

interface Props<T extends Base> {
  api: RecordsApi<T>;
  /** Route id; "new" creates a record. */
  id: string;
  listPath: string;
  listLabel: string;
  newTitle: string;
  blank(): T;
  titleOf(record: T): string;
  /** The body sent on create/update; `original` is the loaded record (absent on create). */
  toPayload(draft: T, original: T | undefined): Partial<T>;
  details(args: EditorArgs<T>): ReactNode;
  extraTabs?: ExtraTab<T>[];
  testId: string;
}

/** Record page shell: load (404/403 → "not found or no access"), tabs, save with field errors, delete with confirm. */
export function RecordPage<T extends Base>(props: Props<T>) {
  const { api, id, listPath, blank, toPayload, testId } = props;
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const { isAdmin } = useSession();
  const navigate = useNavigate();
  const errors = useFieldErrors();
  const isNew = id === 'new';
  const loaded = useAsync<T | undefined>(() => (isNew ? Promise.resolve(undefined) : api.get(id)), [api, id]);
  const [draft, setDraft] = useState<T>(blank);
  const [tab, setTab] = useState<string | null>('details');
  const [saving, setSaving] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when another record loads.
  useEffect(() => {
    setDraft(loaded.data ?? blank());
    errors.clear();
  }, [loaded.data, isNew]);

  if (loaded.loading) return <PageLoader />;
  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;

  const original = loaded.data;
  const readOnly = !isNew && original?.permissions?.edit === false;
  const canDelete = !isNew && original?.permissions?.delete !== false;
  const canGrant = !isNew && (isAdmin || original?.ownerId === user.id);
  const args: EditorArgs<T> = {
    draft,
    set: (patch) => setDraft((prev) => ({ ...prev, ...patch })),
    errors,
    readOnly,
    isNew,
  };

  const save = async () => {
    setSaving(true);
    errors.clear();
    try {
      if (isNew) {
        const created = await api.create(toPayload(draft, undefined));
        notifySuccess(t('record.created'));
        navigate(`${listPath}/${created.id}`, { replace: true });
      } else {
        const updated = await api.update(id, toPayload(draft, original));
        loaded.setData({ ...original, ...updated } as T);
        notifySuccess(t('record.saved'));
      }
    } catch (error) {
      errors.handle(error);
      // Show the tab that holds the failing field.
      const field = (error as { field?: string }).field;
      const owner = field && props.extraTabs?.find((x) => x.fields?.some((f) => field.startsWith(f)));
      if (owner) setTab(owner.value);
      else if (field) setTab('details');
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    try {
      await api.remove(id);
      notifySuccess(t('record.deleted'));
      navigate(listPath);
    } catch (error) {
      notifyError(t, error);
    }
  };

  const title = isNew ? props.newTitle : props.titleOf(original ?? draft) || t('list.untitled');

  return (
    <div data-testid={testId}>
      <Button
        component={Link}
        to={listPath}
        variant="subtle"
        size="xs"
        leftSection={<IconArrowLeft size={14} />}
        mb="xs"
      >
        {props.listLabel}
      </Button>
      <PageHeader title={title}>
        {canDelete && <ConfirmDeleteButton name={title} onConfirm={remove} />}
        {!readOnly && (
          <Button
            leftSection={<IconDeviceFloppy size={16} />}
            onClick={save}
            loading={saving}
            data-testid="save-record"
          >
            {t('common.save')}
          </Button>
        )}
      </PageHeader>
      {readOnly && (
        <Alert icon={<IconLock />} color="gray" mb="md" data-testid="read-only">
          {t('record.readOnly')}
        </Alert>
      )}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="details">{t('record.details')}</Tabs.Tab>
          {props.extraTabs?.map((extra) => (
            <Tabs.Tab key={extra.value} value={extra.value} data-testid={`tab-${extra.value}`}>
              {extra.label}
            </Tabs.Tab>
          ))}
          {canGrant && (
            <Tabs.Tab value="access" data-testid="tab-access">
              {t('grants.tab')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="details">
          <Paper withBorder p="md">
            {props.details(args)}
          </Paper>
        </Tabs.Panel>
        {props.extraTabs?.map((extra) => (
          <Tabs.Panel key={extra.value} value={extra.value}>
            <Paper withBorder p="md">
              {extra.render(args)}
            </Paper>
          </Tabs.Panel>
        ))}
        {canGrant && (
          <Tabs.Panel value="access">
            <Paper withBorder p="md">
              <GrantsTab api={api as RecordsApi<unknown>} recordId={id} />
            </Paper>
          </Tabs.Panel>
        )}
      </Tabs>
      {original?.modifiedAt && (
        <Group mt="sm">
          <Text size="xs" c="dimmed">
            {t('record.modified', { when: formatDateTime(original.modifiedAt, i18n.language, user.timeZone) })}
          </Text>
        </Group>
      )}
    </div>
  );
}

import { Button, Group, Modal, MultiSelect, PasswordInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usersApi } from '../api/admin.api.ts';
import type { Language, Role, User, UserInput } from '../api/api-types.ts';
import { useFieldErrors } from '../common/use-field-errors.hook.ts';
import { TimeZoneSelect } from '../profile/time-zone-select.tsx';
import { useModalSave } from './admin-list.tsx';

interface Props {
  opened: boolean;
  /** null creates a user. */
  user: User | null;
  roles: Role[];
  onClose(): void;
  onSaved(): void;
}

const EMPTY: Required<UserInput> = {
  login: '',
  password: '',
  displayName: '',
  language: 'ru',
  timeZone: 'Europe/Moscow',
  roleIds: [],
};

/** Create or edit a user; the password is write-only (blank keeps it on edit). */
export function UserFormModal({ opened, user, roles, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const errors = useFieldErrors();
  const [form, setForm] = useState<Required<UserInput>>(EMPTY);
  const set = (patch: Partial<UserInput>) => setForm((prev) => ({ ...prev, ...patch }));

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on open.
  useEffect(() => {
    if (!opened) return;
    errors.clear();
    setForm(
      user
        ? {
            login: user.login,
            password: '',
            displayName: user.displayName,
            language: user.language,
            timeZone: user.timeZone,
            roleIds: user.roleIds,
          }
        : EMPTY,
    );
  }, [opened, user]);

  const { saving, save } = useModalSave(
    errors,
    () => {
      if (!user) return usersApi.create(form);
      const { password, ...rest } = form;
      return usersApi.update(user.id, password ? form : rest);
    },
    onSaved,
    onClose,
  );

  return (
    <Modal opened={opened} onClose={onClose} title={user ? t('admin.editUser') : t('admin.newUser')} size="lg">
      <Stack data-testid="user-form">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('admin.login')}
            value={form.login}
            onChange={(event) => set({ login: event.currentTarget.value })}
            error={errors.errorFor('login')}
            required
            data-testid="user-login"
          />
          <TextInput
            label={t('profile.displayName')}
            value={form.displayName}
            onChange={(event) => set({ displayName: event.currentTarget.value })}
            error={errors.errorFor('displayName')}
            data-testid="user-display-name"
          />
          <PasswordInput
            label={t('admin.password')}
            description={user ? t('admin.passwordKeep') : undefined}
            value={form.password}
            onChange={(event) => set({ password: event.currentTarget.value })}
            error={errors.errorFor('password')}
            required={!user}
            autoComplete="new-password"
            data-testid="user-password"
          />
          <Select
            label={t('profile.language')}
            data={[
              { value: 'en', label: 'English' },
              { value: 'ru', label: 'Русский' },
            ]}
            value={form.language}
            onChange={(language) => language && set({ language: language as Language })}
            allowDeselect={false}
            error={errors.errorFor('language')}
          />
          <TimeZoneSelect
            label={t('profile.timeZone')}
            value={form.timeZone}
            onChange={(timeZone) => set({ timeZone })}
            error={errors.errorFor('timeZone')}
          />
          <MultiSelect
            label={t('admin.roles')}
            data={roles.map((r) => ({ value: r.id, label: r.name }))}
            value={form.roleIds}
            onChange={(roleIds) => set({ roleIds })}
            error={errors.errorFor('roleIds')}
            searchable
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} loading={saving} data-testid="user-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

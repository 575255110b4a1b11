import { Avatar, Group, Menu, SegmentedControl, Text, UnstyledButton } from '@mantine/core';
import { IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Language } from '../api/api-types.ts';
import { sessionApi } from '../api/session.api.ts';
import { notifyError } from '../common/notify.ts';
import { useCurrentUser, useSession } from '../session/use-session.hook.ts';

/** Avatar menu in the header: profile, quick language switch (saved to the profile), sign out. */
export function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { signOut, setUser } = useSession();
  const navigate = useNavigate();

  const switchLanguage = async (language: Language) => {
    try {
      setUser(await sessionApi.updateProfile({ language }));
    } catch (error) {
      notifyError(t, error);
    }
  };

  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" aria-label={t('header.userMenu')}>
          <Group gap="xs" wrap="nowrap">
            <Avatar size="sm" radius="xl" name={user.displayName || user.login} color="initials" />
            <Text size="sm" visibleFrom="sm" truncate maw={160}>
              {user.displayName || user.login}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.login}</Menu.Label>
        <Menu.Item leftSection={<IconUserCircle size={16} />} onClick={() => navigate('/profile')}>
          {t('nav.profile')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>{t('profile.language')}</Menu.Label>
        <SegmentedControl
          fullWidth
          size="xs"
          mx="xs"
          mb="xs"
          value={user.language}
          onChange={(value) => void switchLanguage(value as Language)}
          data={[
            { value: 'en', label: 'English' },
            { value: 'ru', label: 'Русский' },
          ]}
        />
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()} data-testid="sign-out">
          {t('header.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

import { createTheme, PasswordInput } from '@mantine/core';

/**
 * One theme for the whole UI; Mantine defaults otherwise. Built per language, because some component
 * defaults carry words (the password fields' show/hide button is announced by screen readers).
 */
export function themeFor(togglePasswordLabel: string) {
  return createTheme({
    primaryColor: 'indigo',
    defaultRadius: 'sm',
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    components: {
      PasswordInput: PasswordInput.extend({
        defaultProps: { visibilityToggleButtonProps: { 'aria-label': togglePasswordLabel } },
      }),
    },
  });
}

import { Button } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../common/page-header.tsx';

interface Props {
  title: string;
  /** The sibling mailbox page the first header button opens. */
  linkTo: string;
  linkIcon: ReactNode;
  linkLabel: string;
  linkTestId?: string;
  /** The page's own action buttons, after the link. */
  children: ReactNode;
}

/** The head of a mailbox page: back to «Почтовые ящики», the title, a link to the sibling page and the actions. */
export function MailboxPageHeader({ title, linkTo, linkIcon, linkLabel, linkTestId, children }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Button
        component={Link}
        to="/mailboxes"
        variant="subtle"
        size="xs"
        leftSection={<IconArrowLeft size={14} />}
        mb="xs"
      >
        {t('mailbox.pageTitle')}
      </Button>
      <PageHeader title={title}>
        <Button component={Link} to={linkTo} variant="default" leftSection={linkIcon} data-testid={linkTestId}>
          {linkLabel}
        </Button>
        {children}
      </PageHeader>
    </>
  );
}

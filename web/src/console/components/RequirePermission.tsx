import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Anchor, Text } from '@mantine/core';
import { hasPermission, useCurrentUser } from '../auth';
import { EmptyState, PageHeader } from './states';

/** Shows `children` only when the user holds `permission`; otherwise says so plainly. */
export function RequirePermission({
  permission,
  children,
}: {
  permission: string;
  children: ReactNode;
}) {
  const me = useCurrentUser();
  if (hasPermission(me, permission)) return <>{children}</>;
  return <Forbidden />;
}

export function Forbidden() {
  const { t } = useTranslation('console');
  return (
    <>
      <PageHeader title={t('forbidden.title')} />
      <EmptyState
        title={t('forbidden.body')}
        action={
          <Text size="sm">
            <Anchor component={Link} to="/console" c="simpul.8" underline="always">
              {t('notFound.home')}
            </Anchor>
          </Text>
        }
      />
    </>
  );
}

export function ConsoleNotFound() {
  const { t } = useTranslation('console');
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <EmptyState
        title={t('notFound.body')}
        action={
          <Anchor component={Link} to="/console" c="simpul.8" underline="always" size="sm">
            {t('notFound.home')}
          </Anchor>
        }
      />
    </>
  );
}

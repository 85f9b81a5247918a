import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Anchor, Text } from '@mantine/core';
import { AuthLayout } from './AuthLayout';

/** Any path the app does not know. */
export function NotFoundPage() {
  const { t } = useTranslation('console');
  return (
    <AuthLayout title={t('notFound.title')}>
      <Text>{t('notFound.body')}</Text>
      <Anchor component={Link} to="/" c="simpul.8" underline="always">
        {t('notFound.portal')}
      </Anchor>
    </AuthLayout>
  );
}

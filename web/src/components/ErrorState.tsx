import { useTranslation } from 'react-i18next';
import { Alert, Button, Container, Text, Title, VisuallyHidden } from '@mantine/core';
import { ApiError } from '../api';
import { AlertIcon, RefreshIcon } from './icons';
import classes from './Landing.module.css';

interface ErrorStateProps {
  error: unknown;
  retrying: boolean;
  onRetry: () => void;
}

export function ErrorState({ error, retrying, onRetry }: ErrorStateProps) {
  const { t } = useTranslation();
  const status = error instanceof ApiError && error.status >= 400 ? error.status : null;
  // A fresh install has no regional government yet: say how to set one up instead of "error".
  const notSetUp = error instanceof ApiError && error.code === 'platform.tenant_unknown';
  return (
    <section className={classes.section} aria-labelledby="error-heading">
      <VisuallyHidden>
        <Title order={1}>{t('app.name')}</Title>
      </VisuallyHidden>
      <Container size="sm" py="xl">
        <Alert
          variant="outline"
          color="red.9"
          radius="md"
          role="alert"
          icon={<AlertIcon size={22} />}
          title={<span id="error-heading">{t(notSetUp ? 'notSetUp.title' : 'error.title')}</span>}
          styles={{ root: { background: 'var(--mantine-color-white)' } }}
        >
          <Text c="gray.9">{t(notSetUp ? 'notSetUp.body' : 'error.body')}</Text>
          {notSetUp ? (
            <Text component="pre" size="sm" c="gray.9" mt={6}>
              npm run simpul -- setup
            </Text>
          ) : null}
          {status !== null ? (
            <Text size="sm" c="gray.8" mt={6}>
              {t('error.status', { status })}
            </Text>
          ) : null}
          <Button
            mt="md"
            color="red.9"
            leftSection={<RefreshIcon size={18} />}
            loading={retrying}
            onClick={onRetry}
          >
            {t('error.retry')}
          </Button>
        </Alert>
      </Container>
    </section>
  );
}

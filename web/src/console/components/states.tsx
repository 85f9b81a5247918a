/** Loading, empty and error states shared by every console page. */
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { AlertIcon, RefreshIcon } from '../../components/icons';
import { describeError } from '../errors';

/** The page's single h1, an optional lead paragraph and actions; also sets the document title. */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  const { t } = useTranslation('console');
  useEffect(() => {
    document.title = t('documentTitle', { page: title });
  }, [t, title]);
  return (
    <Group justify="space-between" align="flex-start" mb="lg" gap="md">
      <Stack gap={4} maw={720}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {description ? <Text c="gray.7">{description}</Text> : null}
      </Stack>
      {actions ? <Group gap="sm">{actions}</Group> : null}
    </Group>
  );
}

/** Skeleton placeholder with a polite status message for screen readers. */
export function PageLoader({ label, rows = 4 }: { label?: string; rows?: number }) {
  const { t } = useTranslation('console');
  return (
    <div aria-busy="true">
      <div role="status" aria-live="polite">
        <VisuallyHidden>{label ?? t('states.loading')}</VisuallyHidden>
      </div>
      <Stack gap="sm" aria-hidden="true" data-testid="page-loader">
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} height={i === 0 ? 28 : 18} width={i === 0 ? '40%' : `${90 - i * 8}%`} />
        ))}
      </Stack>
    </div>
  );
}

/** An error with the server's reason and a retry button. */
export function ErrorAlert({
  error,
  title,
  onRetry,
  retrying,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  retrying?: boolean;
}) {
  const { t } = useTranslation('console');
  return (
    <Alert
      variant="outline"
      color="red.9"
      role="alert"
      icon={<AlertIcon size={20} />}
      title={title ?? t('states.errorTitle')}
      styles={{ root: { background: 'var(--mantine-color-white)' } }}
    >
      <Text c="gray.9" size="sm">
        {describeError(t, error)}
      </Text>
      {onRetry ? (
        <Button
          mt="sm"
          size="xs"
          color="red.9"
          variant="outline"
          leftSection={<RefreshIcon size={16} />}
          loading={retrying}
          onClick={onRetry}
        >
          {t('states.retry')}
        </Button>
      ) : null}
    </Alert>
  );
}

/** Nothing to show yet, with an optional hint and action. */
export function EmptyState({
  title,
  body,
  action,
}: {
  title: string;
  body?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Paper withBorder p="xl" radius="md" ta="center">
      <Stack gap="xs" align="center">
        <Text fw={600}>{title}</Text>
        {body ? (
          <Text c="gray.7" size="sm">
            {body}
          </Text>
        ) : null}
        {action}
      </Stack>
    </Paper>
  );
}

/** Used before any layout exists (the session is still being checked). */
export function FullPageLoader() {
  const { t } = useTranslation('console');
  return (
    <main id="main-content" tabIndex={-1}>
      <VisuallyHidden>
        <h1>{t('app')}</h1>
      </VisuallyHidden>
      <Center mih="60vh" role="status" aria-live="polite">
        <Loader color="simpul.8" aria-hidden="true" />
        <VisuallyHidden>{t('states.checkingSession')}</VisuallyHidden>
      </Center>
    </main>
  );
}

export function FullPageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('console');
  return (
    <main id="main-content" tabIndex={-1}>
      <Center mih="60vh" p="md">
        <Stack maw={520} w="100%">
          <Title order={1} size="h3">
            {t('app')}
          </Title>
          <ErrorAlert error={error} onRetry={onRetry} />
        </Stack>
      </Center>
    </main>
  );
}

const TONES = {
  info: 'simpul',
  success: 'green',
  warning: 'yellow',
  neutral: 'gray',
} as const;

/**
 * A tinted notice whose text stays dark enough for WCAG AA (Mantine's light alerts colour the
 * title in the tone, which is too pale for yellow and green); the tone shows as a side bar.
 */
export function Notice({
  tone,
  title,
  icon,
  role,
  children,
}: {
  tone: keyof typeof TONES;
  title: ReactNode;
  icon?: ReactNode;
  role?: 'status' | 'alert';
  children?: ReactNode;
}) {
  const color = TONES[tone];
  return (
    <Alert
      variant="light"
      color={color}
      icon={icon}
      title={title}
      {...(role ? { role } : {})}
      styles={{
        root: { borderInlineStart: `4px solid var(--mantine-color-${color}-7)` },
        title: { color: 'var(--mantine-color-gray-9)' },
        icon: { color: `var(--mantine-color-${color}-9)` },
      }}
    >
      {children}
    </Alert>
  );
}

/** Mantine's darkest green (#2b8a3e) is 4.4:1 on white, just short of AA; this one is 6.2:1. */
export const SUCCESS_COLOR = '#1f6f35';

/**
 * A record page while its record loads or after it failed to: the page header, then a loader or
 * the error with a retry. Render it when the query is pending or failed; the page itself once
 * the data is there.
 */
export function RecordPageState({
  title,
  query,
}: {
  title: string;
  query: { isPending: boolean; error: unknown; isFetching: boolean; refetch: () => unknown };
}) {
  return (
    <>
      <PageHeader title={title} />
      {query.isPending ? (
        <PageLoader />
      ) : (
        <ErrorAlert
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      )}
    </>
  );
}

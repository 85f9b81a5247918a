import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useSignOut } from '../../auth';
import {
  EmptyState,
  ErrorAlert,
  PageHeader,
  PageLoader,
  SUCCESS_COLOR,
} from '../../components/states';
import { http } from '../../http';
import { useDates } from '../../tenant';

export interface AccountSession {
  id: string;
  createdAt: string;
  lastSeenAt: string | null;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  amr: string[];
  current: boolean;
}

const SESSIONS_KEY = ['account', 'sessions'] as const;

/** "Chrome on Windows" from a user-agent string; good enough to recognise one's own devices. */
export function describeAgent(ua: string | null | undefined): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrom(e|ium)\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : null;
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /CrOS/.test(ua)
            ? 'ChromeOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : null;
  if (browser && os) return `${browser} · ${os}`;
  return browser ?? os ?? ua.slice(0, 60);
}

export function SessionsPage() {
  const { t } = useTranslation('console');
  const dates = useDates();
  const client = useQueryClient();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [ending, setEnding] = useState<AccountSession | null>(null);
  const sessions = useQuery({
    queryKey: SESSIONS_KEY,
    queryFn: ({ signal }) =>
      http.get<{ items: AccountSession[] }>('/api/account/sessions', undefined, signal),
  });
  const end = useMutation({
    mutationFn: async (s: AccountSession) => {
      if (s.current) {
        await signOut();
        return true;
      }
      await http.delete(`/api/account/sessions/${encodeURIComponent(s.id)}`);
      return false;
    },
    onSuccess: (wasCurrent) => {
      setEnding(null);
      if (wasCurrent) void navigate('/login', { replace: true });
      else void client.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
  });

  let body;
  if (sessions.isPending) body = <PageLoader />;
  else if (sessions.isError)
    body = (
      <ErrorAlert
        error={sessions.error}
        onRetry={() => void sessions.refetch()}
        retrying={sessions.isFetching}
      />
    );
  else if (sessions.data.items.length === 0) body = <EmptyState title={t('sessions.empty')} />;
  else {
    const items = [...sessions.data.items].sort((a, b) => Number(b.current) - Number(a.current));
    body = (
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Caption>{t('sessions.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('sessions.device')}</Table.Th>
                <Table.Th scope="col">{t('sessions.ip')}</Table.Th>
                <Table.Th scope="col">{t('sessions.started')}</Table.Th>
                <Table.Th scope="col">{t('sessions.lastSeen')}</Table.Th>
                <Table.Th scope="col">{t('sessions.method')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id} data-current={s.current ? 'true' : undefined}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm" fw={600} title={s.userAgent ?? undefined}>
                        {describeAgent(s.userAgent) ?? t('sessions.unknownDevice')}
                      </Text>
                      {s.current ? (
                        <Badge color={SUCCESS_COLOR} variant="outline" size="sm">
                          {t('sessions.current')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>{s.ip ?? '—'}</Table.Td>
                  <Table.Td>{dates.dateTime(s.createdAt)}</Table.Td>
                  <Table.Td>{dates.dateTime(s.lastSeenAt)}</Table.Td>
                  <Table.Td>
                    {s.amr.length > 0
                      ? s.amr.map((m) => t(`sessions.amr.${m}`, { defaultValue: m })).join(', ')
                      : '—'}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="outline"
                      color="red.9"
                      onClick={() => setEnding(s)}
                      aria-label={
                        s.current
                          ? t('sessions.endCurrent')
                          : t('sessions.endNamed', {
                              device: describeAgent(s.userAgent) ?? t('sessions.unknownDevice'),
                              date: dates.dateTime(s.createdAt),
                            })
                      }
                    >
                      {s.current ? t('sessions.endCurrentShort') : t('sessions.end')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    );
  }

  return (
    <>
      <PageHeader title={t('sessions.title')} description={t('sessions.description')} />
      {body}
      <Modal
        opened={ending !== null}
        onClose={() => {
          end.reset();
          setEnding(null);
        }}
        title={<Text fw={700}>{t('sessions.confirmTitle')}</Text>}
        centered
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md">
          <Text size="sm">
            {ending?.current ? t('sessions.confirmCurrent') : t('sessions.confirmOther')}
          </Text>
          {end.isError ? <ErrorAlert error={end.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setEnding(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red.9"
              loading={end.isPending}
              onClick={() => ending && end.mutate(ending)}
            >
              {t('sessions.end')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

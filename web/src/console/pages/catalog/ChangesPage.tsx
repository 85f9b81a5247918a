import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Group, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useCurrentUser } from '../../auth';
import { EmptyState, ErrorAlert, PageHeader, PageLoader } from '../../components/states';
import { http } from '../../http';
import { useDates } from '../../tenant';
import { agencyOptions, Pager, useAllAgencies } from '../org/common';
import { ChangeActions, ChangeDiff } from './ChangeReview';
import { enumLabel, isIct, RecordLink } from './common';
import type { ChangeList, ChangeState } from './types';

const PAGE_SIZE = 25;
const STATES: Array<ChangeState | 'all'> = ['pending', 'approved', 'rejected', 'withdrawn', 'all'];

/** /console/catalog/changes: proposals from the agencies, for the ICT office to decide. */
export function ChangesPage() {
  const { t } = useTranslation('catalog');
  const me = useCurrentUser();
  const dates = useDates();
  const agencies = useAllAgencies();
  const ict = isIct(me);
  const [state, setState] = useState<ChangeState | 'all'>('pending');
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [page, setPage] = useState(1);

  const list = useQuery({
    queryKey: ['catalog', 'changes', { state, agencyId, page }],
    queryFn: ({ signal }) =>
      http.get<ChangeList>(
        '/api/catalog/changes',
        { state: state === 'all' ? undefined : state, agencyId, page, pageSize: PAGE_SIZE },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('changes.title')}
        description={ict ? t('changes.descriptionIct') : t('changes.descriptionAgency')}
      />
      <Stack gap="md">
        <Group gap="md" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="change-state-label">
              {t('changes.state')}
            </Text>
            <SegmentedControl
              aria-labelledby="change-state-label"
              value={state}
              onChange={(v) => {
                setState(v as ChangeState | 'all');
                setPage(1);
              }}
              data={STATES.map((s) => ({ value: s, label: t(`changeStates.${s}`) }))}
            />
          </Stack>
          <Select
            label={t('fields.agencyId')}
            placeholder={t('list.all')}
            clearable
            searchable
            data={agencyOptions(agencies.data)}
            value={agencyId}
            onChange={(v) => {
              setAgencyId(v);
              setPage(1);
            }}
            w={{ base: '100%', sm: 320 }}
          />
        </Group>
        {list.isPending ? (
          <PageLoader />
        ) : list.isError ? (
          <ErrorAlert
            error={list.error}
            onRetry={() => void list.refetch()}
            retrying={list.isFetching}
          />
        ) : list.data.items.length === 0 ? (
          <EmptyState
            title={state === 'pending' ? t('changes.emptyPending') : t('changes.empty')}
          />
        ) : (
          <>
            <Stack gap="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {list.data.items.map((c) => (
                <Paper
                  key={c.id}
                  component="li"
                  withBorder
                  p="md"
                  radius="md"
                  data-testid="change-request"
                >
                  <Stack gap="sm">
                    <Group justify="space-between" align="flex-start" wrap="wrap">
                      <Stack gap={2}>
                        <Title order={2} size="h4">
                          {c.action === 'delete' || c.state === 'rejected' ? (
                            (c.recordName ?? '—')
                          ) : (
                            <RecordLink
                              kind={c.recordKind}
                              id={c.recordId}
                              name={c.recordName ?? '—'}
                            />
                          )}
                        </Title>
                        <Text size="sm" c="gray.7">
                          {t(`kinds.${c.recordKind}.one`)} · {c.agencyName ?? '—'}
                        </Text>
                      </Stack>
                      <Group gap="xs">
                        <Badge variant="outline" color="gray.8" radius="sm">
                          {t(`changeActions.${c.action}`)}
                        </Badge>
                        <Badge
                          variant={c.state === 'pending' ? 'outline' : 'filled'}
                          color={
                            c.state === 'approved'
                              ? '#1e5631'
                              : c.state === 'rejected'
                                ? 'red.9'
                                : c.state === 'pending'
                                  ? '#7a4f01'
                                  : 'gray.8'
                          }
                          styles={
                            c.state === 'pending' ? { root: { color: '#7a4f01' } } : undefined
                          }
                          radius="sm"
                        >
                          {t(`changeStates.${c.state}`)}
                        </Badge>
                      </Group>
                    </Group>
                    <Text size="sm">
                      {t('changes.submitted', {
                        name: c.submittedByName ?? '—',
                        date: dates.dateTime(c.createdAt),
                      })}
                    </Text>
                    <ChangeDiff change={c} />
                    {c.state !== 'pending' && c.reviewedAt ? (
                      <Text size="sm">
                        {t('changes.decided', {
                          state: enumLabel(t, 'changeStatesLower', c.state),
                          name: c.reviewedByName ?? '—',
                          date: dates.dateTime(c.reviewedAt),
                        })}
                        {c.comment ? ` — “${c.comment}”` : ''}
                      </Text>
                    ) : null}
                    {c.state === 'pending' ? (
                      <ChangeActions
                        change={c}
                        canDecide={ict}
                        canWithdraw={!ict && c.submittedBy === me.id}
                      />
                    ) : null}
                  </Stack>
                </Paper>
              ))}
            </Stack>
            <Pager
              offset={(page - 1) * PAGE_SIZE}
              limit={PAGE_SIZE}
              count={list.data.items.length}
              total={list.data.total}
              onChange={(offset) => setPage(Math.floor(offset / PAGE_SIZE) + 1)}
            />
          </>
        )}
      </Stack>
    </>
  );
}

import { useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { hasPermission, useCurrentUser } from '../../auth';
import {
  EmptyState,
  ErrorAlert,
  Notice,
  PageHeader,
  PageLoader,
  RecordPageState,
} from '../../components/states';
import { ConsoleNotFound } from '../../components/RequirePermission';
import { http } from '../../http';
import { useDates } from '../../tenant';
import { ConfirmModal } from '../org/common';
import { FindingsList } from '../compliance/FindingsList';
import type { FindingList } from '../compliance/types';
import { ApisSection } from './ApisSection';
import { ChangeActions, ChangeDiff, formatValue } from './ChangeReview';
import {
  canWriteAgency,
  isIct,
  RecordLink,
  ReviewBadge,
  useAgencyNames,
  useCountryName,
} from './common';
import { DocumentsSection } from './DocumentsSection';
import { KIND_FIELDS } from './fields';
import { RelationsSection } from './RelationsSection';
import { kindOfSegment, SEGMENTS, type CatalogRecord, type RecordKind } from './types';
import type { Employee } from '../org/types';

/** /console/catalog/:seg/:id */
export function RecordDetailPage() {
  const { seg, id } = useParams();
  const kind = kindOfSegment(seg);
  if (!kind || !id) return <ConsoleNotFound />;
  return <RecordDetail key={id} kind={kind} id={id} />;
}

function RecordDetail({ kind, id }: { kind: RecordKind; id: string }) {
  const { t } = useTranslation('catalog');
  const me = useCurrentUser();
  const dates = useDates();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const agencyName = useAgencyNames();
  const countryName = useCountryName();
  const [deleting, setDeleting] = useState(false);
  const [deleted, setDeleted] = useState<'proposed' | null>(null);
  const notice = (location.state as { notice?: string } | null)?.notice;
  const seg = SEGMENTS[kind];

  const record = useQuery({
    queryKey: ['catalog', 'record', kind, id],
    queryFn: ({ signal }) =>
      http.get<CatalogRecord>(`/api/catalog/${seg}/${id}`, undefined, signal),
  });
  const findings = useQuery({
    queryKey: ['compliance', 'findings', 'record', id],
    queryFn: ({ signal }) =>
      http.get<FindingList>('/api/compliance/findings', { recordId: id, state: 'open' }, signal),
    enabled: record.isSuccess,
  });
  const remove = useMutation({
    mutationFn: () => http.delete<unknown>(`/api/catalog/${seg}/${id}`),
    onSuccess: async (body) => {
      setDeleting(false);
      await client.invalidateQueries({ queryKey: ['catalog'] });
      if (body && typeof body === 'object') {
        setDeleted('proposed');
        return;
      }
      void navigate(`/console/catalog/${seg}`, { replace: true });
    },
  });

  if (!record.data) return <RecordPageState title={t(`kinds.${kind}.one`)} query={record} />;
  const r = record.data;
  const ict = isIct(me);
  const canWrite = canWriteAgency(me, r.agencyId);
  const pending = r.pendingChange && r.pendingChange.state === 'pending' ? r.pendingChange : null;

  const shared: Array<[string, ReactNode]> = [
    ['agencyId', r.agencyName ?? agencyName(r.agencyId)],
    ['refCode', r.refCode ? `${r.refCode}${r.refCodeName ? ` — ${r.refCodeName}` : ''}` : '—'],
  ];
  const own = KIND_FIELDS[kind]
    .filter((f) => !f.when || f.when(r))
    .map((f): [string, ReactNode] => {
      const value = r[f.name];
      if (f.type === 'date') return [f.name, dates.date(value as string | null)];
      if (f.type === 'agency') return [f.name, agencyName(value as string)];
      if (typeof value === 'string' && value) {
        if (f.type === 'application' || f.type === 'infrastructure') {
          return [f.name, <LinkedRecord key={f.name} kind={f.type} id={value} />];
        }
        if (f.type === 'employee') return [f.name, <EmployeeName key={f.name} id={value} />];
      }
      return [f.name, formatValue(t, kind, f.name, value, agencyName, countryName)];
    });

  return (
    <>
      <PageHeader
        title={r.name}
        description={
          <Group gap="xs" component="span">
            <Text span>{t(`kinds.${kind}.one`)}</Text>
            <ReviewBadge state={r.reviewState} />
          </Group>
        }
        actions={
          canWrite ? (
            <>
              <Button component={Link} to={`/console/catalog/${seg}/${id}/edit`} variant="default">
                {t('detail.edit')}
              </Button>
              <Button variant="outline" color="red.9" onClick={() => setDeleting(true)}>
                {t('detail.delete')}
              </Button>
            </>
          ) : null
        }
      />
      <Stack gap="lg">
        {notice === 'proposed' || deleted === 'proposed' ? (
          <Notice tone="info" title={t('detail.proposedTitle')} role="status">
            {t('detail.proposed')}
          </Notice>
        ) : notice === 'saved' ? (
          <Notice tone="success" title={t('detail.savedTitle')} role="status" />
        ) : null}
        {pending ? (
          <Paper withBorder p="md" radius="md" data-testid="pending-change">
            <Stack gap="sm">
              <Notice tone="warning" title={t('detail.pendingTitle')}>
                {t(`detail.pending_${pending.action}`, {
                  name: pending.submittedByName ?? '—',
                  date: dates.dateTime(pending.createdAt),
                })}
              </Notice>
              <ChangeDiff change={{ ...pending, recordName: r.name }} record={r} />
              <ChangeActions
                change={{ ...pending, recordName: r.name }}
                canDecide={ict}
                canWithdraw={!ict && canWrite && pending.submittedBy === me.id}
              />
            </Stack>
          </Paper>
        ) : null}
        {r.reviewState === 'rejected' ? (
          <Notice tone="neutral" title={t('detail.rejectedTitle')}>
            {t('detail.rejected')}
          </Notice>
        ) : null}

        <section aria-labelledby="fields-title">
          <Title order={2} size="h3" id="fields-title" mb="sm">
            {t('detail.fields')}
          </Title>
          {r.description ? <Text mb="sm">{r.description}</Text> : null}
          <Paper withBorder p="md" radius="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
              {[...shared, ...own].map(([field, value]) => (
                <div key={field}>
                  <Text component="dt" size="sm" c="gray.7">
                    {t(`fields.${field}`)}
                  </Text>
                  <Text component="dd" m={0} style={{ wordBreak: 'break-word' }} data-field={field}>
                    {value}
                  </Text>
                </div>
              ))}
              <div>
                <Text component="dt" size="sm" c="gray.7">
                  {t('fields.updatedAt')}
                </Text>
                <Text component="dd" m={0}>
                  {dates.dateTime(r.updatedAt)} · {t('detail.version', { version: r.version })}
                </Text>
              </div>
            </SimpleGrid>
          </Paper>
        </section>

        <section aria-labelledby="findings-title">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h3" id="findings-title">
              {t('detail.findings')}
            </Title>
            <Anchor
              component={Link}
              to="/console/compliance"
              c="simpul.8"
              underline="always"
              size="sm"
            >
              {t('detail.dashboard')}
            </Anchor>
          </Group>
          {r.reviewState !== 'approved' ? (
            <Text size="sm" c="gray.7">
              {t('detail.findingsNotApproved')}
            </Text>
          ) : findings.isPending ? (
            <PageLoader rows={2} />
          ) : findings.isError ? (
            <ErrorAlert error={findings.error} onRetry={() => void findings.refetch()} />
          ) : findings.data.items.length === 0 ? (
            <EmptyState title={t('detail.noFindings')} />
          ) : (
            <FindingsList
              findings={findings.data.items}
              showRecord={false}
              canException={hasPermission(me, 'compliance:exception:write')}
            />
          )}
        </section>

        <RelationsSection kind={kind} id={id} name={r.name} canWrite={canWrite} />

        {kind === 'application' ? (
          <>
            <DocumentsSection applicationId={id} canWrite={canWrite} />
            <ApisSection applicationId={id} canWrite={canWrite} />
          </>
        ) : null}
      </Stack>
      <ConfirmModal
        opened={deleting}
        title={t('detail.deleteTitle')}
        body={
          ict
            ? t('detail.deleteBody', { name: r.name })
            : t('detail.deleteBodyProposal', { name: r.name })
        }
        confirmLabel={t('detail.delete')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      />
    </>
  );
}

/** Another record named by id (the shared application duplicated, the parent infrastructure). */
function LinkedRecord({ kind, id }: { kind: RecordKind; id: string }) {
  const record = useQuery({
    queryKey: ['catalog', 'record', kind, id],
    queryFn: ({ signal }) =>
      http.get<CatalogRecord>(`/api/catalog/${SEGMENTS[kind]}/${id}`, undefined, signal),
  });
  return <RecordLink kind={kind} id={id} name={record.data?.name ?? id} />;
}

/** An employee named by id (the data steward). */
function EmployeeName({ id }: { id: string }) {
  const employee = useQuery({
    queryKey: ['org', 'employee', id],
    queryFn: ({ signal }) => http.get<Employee>(`/api/org/employees/${id}`, undefined, signal),
  });
  return <>{employee.data ? `${employee.data.name} (${employee.data.nip})` : id}</>;
}

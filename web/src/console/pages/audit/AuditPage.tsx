/** `/console/audit`: the tenant's hash-chained audit trail, filtered, paged and exportable. */
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import {
  EmptyState,
  ErrorAlert,
  PageHeader,
  PageLoader,
  SUCCESS_COLOR,
} from '../../components/states';
import { DownloadIcon } from '../../components/icons';
import { apiUrl, http } from '../../http';
import { useDates } from '../../tenant';

export interface AuditEvent {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorKind: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  data: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  hash: string;
}

export interface Verification {
  ranAt: string;
  ok: boolean;
  checked: number;
  brokenSeq: number | null;
  message: string | null;
}

const PAGE_SIZE = 50;
const FILTER_KEYS = ['actorId', 'action', 'targetType', 'targetId', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Record<FilterKey, string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Offset of `timeZone` from UTC at `instant`, in minutes. */
function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(instant);
    const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const asUtc = Date.UTC(
      n('year'),
      n('month') - 1,
      n('day'),
      n('hour'),
      n('minute'),
      n('second'),
    );
    return Math.round((asUtc - instant.getTime()) / 60_000);
  } catch {
    return 7 * 60; // WIB
  }
}

/**
 * The instant a calendar day starts (or, with `endOfDay`, its last millisecond) in the tenant's
 * zone, as an ISO string: "2025-11-22" in Asia/Jakarta starts at 2025-11-21T17:00:00.000Z.
 */
export function zonedDayBoundary(day: string, timeZone: string, endOfDay = false): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const local = Date.UTC(y, m - 1, d + (endOfDay ? 1 : 0));
  const guess = new Date(local - zoneOffsetMinutes(new Date(local), timeZone) * 60_000);
  const exact = local - zoneOffsetMinutes(guess, timeZone) * 60_000;
  return new Date(endOfDay ? exact - 1 : exact).toISOString();
}

function readFilters(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as Filters;
}

/** The API query for the applied filters (dates become instants in the tenant's zone). */
function apiQuery(f: Filters, timeZone: string): Record<string, string | undefined> {
  return {
    actorId: f.actorId || undefined,
    action: f.action || undefined,
    targetType: f.targetType || undefined,
    targetId: f.targetId || undefined,
    from: DAY.test(f.from) ? zonedDayBoundary(f.from, timeZone) : undefined,
    to: DAY.test(f.to) ? zonedDayBoundary(f.to, timeZone, true) : undefined,
  };
}

function VerificationBadge() {
  const { t } = useTranslation('console');
  const dates = useDates();
  const verification = useQuery({
    queryKey: ['audit', 'verification'],
    queryFn: ({ signal }) =>
      http.get<Verification | null>('/api/audit/verification', undefined, signal),
  });

  let content;
  if (verification.isPending) {
    content = <Text size="sm">{t('audit.verification.loading')}</Text>;
  } else if (verification.isError) {
    content = <ErrorAlert error={verification.error} onRetry={() => void verification.refetch()} />;
  } else if (!verification.data) {
    content = (
      <Group gap="sm">
        <Badge color="gray.8" variant="outline" size="lg" radius="sm">
          {t('audit.verification.never')}
        </Badge>
        <Text size="sm" c="gray.8">
          {t('audit.verification.neverBody')}
        </Text>
      </Group>
    );
  } else {
    const v = verification.data;
    content = (
      <Group gap="sm" align="center">
        <Badge
          color={v.ok ? SUCCESS_COLOR : 'red.9'}
          variant="filled"
          size="lg"
          radius="sm"
          data-testid="audit-verification"
        >
          {v.ok ? t('audit.verification.ok') : t('audit.verification.broken')}
        </Badge>
        <Text size="sm" c="gray.9">
          {v.ok
            ? t('audit.verification.okBody', { count: v.checked, date: dates.dateTime(v.ranAt) })
            : t('audit.verification.brokenBody', {
                seq: v.brokenSeq ?? '?',
                date: dates.dateTime(v.ranAt),
              })}
        </Text>
        {!v.ok && v.message ? (
          <Text size="sm" c="red.9">
            {v.message}
          </Text>
        ) : null}
      </Group>
    );
  }
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="audit-verification">
      <Title order={2} size="h5" id="audit-verification" mb="xs">
        {t('audit.verification.title')}
      </Title>
      {content}
    </Paper>
  );
}

function FilterForm({ applied, onApply }: { applied: Filters; onApply: (f: Filters) => void }) {
  const { t } = useTranslation('console');
  const [draft, setDraft] = useState<Filters>(applied);
  const [actorError, setActorError] = useState(false);
  const set = (k: FilterKey, v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = Object.fromEntries(FILTER_KEYS.map((k) => [k, draft[k].trim()])) as Filters;
    if (trimmed.actorId && !UUID.test(trimmed.actorId)) return setActorError(true);
    setActorError(false);
    onApply(trimmed);
  };
  const empty = Object.fromEntries(FILTER_KEYS.map((k) => [k, ''])) as Filters;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="audit-filters">
      <Title order={2} size="h5" id="audit-filters" mb="sm">
        {t('audit.filters.title')}
      </Title>
      <form onSubmit={submit} noValidate role="search" aria-labelledby="audit-filters">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <TextInput
            label={t('audit.filters.action')}
            description={t('audit.filters.actionHint')}
            placeholder="identity.*"
            value={draft.action}
            onChange={(e) => set('action', e.currentTarget.value)}
          />
          <TextInput
            label={t('audit.filters.actor')}
            description={t('audit.filters.actorHint')}
            value={draft.actorId}
            onChange={(e) => set('actorId', e.currentTarget.value)}
            error={actorError ? t('audit.filters.actorInvalid') : undefined}
            spellCheck={false}
          />
          <TextInput
            label={t('audit.filters.targetType')}
            placeholder="user"
            value={draft.targetType}
            onChange={(e) => set('targetType', e.currentTarget.value)}
          />
          <TextInput
            label={t('audit.filters.targetId')}
            value={draft.targetId}
            onChange={(e) => set('targetId', e.currentTarget.value)}
            spellCheck={false}
          />
          <TextInput
            type="date"
            label={t('audit.filters.from')}
            value={draft.from}
            onChange={(e) => set('from', e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('audit.filters.to')}
            value={draft.to}
            onChange={(e) => set('to', e.currentTarget.value)}
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="md" gap="sm">
          <Button
            variant="default"
            onClick={() => {
              setDraft(empty);
              setActorError(false);
              onApply(empty);
            }}
          >
            {t('audit.filters.clear')}
          </Button>
          <Button type="submit">{t('audit.filters.apply')}</Button>
        </Group>
      </form>
    </Paper>
  );
}

function shortId(id: string | null): string {
  if (!id) return '—';
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}

export function AuditPage() {
  const { t } = useTranslation('console');
  const dates = useDates();
  const [params, setParams] = useSearchParams();
  const applied = readFilters(params);
  const [cursors, setCursors] = useState<number[]>([]);
  const [detail, setDetail] = useState<AuditEvent | null>(null);
  const beforeSeq = cursors.at(-1);
  const query = apiQuery(applied, dates.timeZone);

  const events = useQuery({
    queryKey: ['audit', 'events', query, beforeSeq ?? null],
    queryFn: async ({ signal }) => {
      const body = await http.get<AuditEvent[] | { items: AuditEvent[] }>(
        '/api/audit/events',
        { ...query, beforeSeq, limit: PAGE_SIZE + 1 },
        signal,
      );
      const rows = Array.isArray(body) ? body : body.items;
      return { rows: rows.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE };
    },
    placeholderData: keepPreviousData,
  });

  const apply = (f: Filters) => {
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) if (f[k]) next.set(k, f[k]);
    setCursors([]);
    setParams(next, { replace: true });
  };

  const csvHref = apiUrl('/api/audit/events.csv', query);

  let table;
  if (events.isPending) table = <PageLoader rows={6} />;
  else if (events.isError)
    table = (
      <ErrorAlert
        error={events.error}
        onRetry={() => void events.refetch()}
        retrying={events.isFetching}
      />
    );
  else if (events.data.rows.length === 0)
    table = <EmptyState title={t('audit.empty')} body={t('audit.emptyBody')} />;
  else {
    const rows = events.data.rows;
    table = (
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={860}>
          <Table
            striped
            verticalSpacing="xs"
            captionSide="top"
            aria-busy={events.isFetching || undefined}
          >
            <Table.Caption ta="left">
              {t('audit.caption', { first: rows[0]?.seq, last: rows.at(-1)?.seq })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">#</Table.Th>
                <Table.Th scope="col">{t('audit.col.time')}</Table.Th>
                <Table.Th scope="col">{t('audit.col.action')}</Table.Th>
                <Table.Th scope="col">{t('audit.col.actor')}</Table.Th>
                <Table.Th scope="col">{t('audit.col.target')}</Table.Th>
                <Table.Th scope="col">{t('audit.col.ip')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((e) => (
                <Table.Tr key={e.seq}>
                  <Table.Td>{e.seq}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {dates.dateTime(e.occurredAt)}
                  </Table.Td>
                  <Table.Td>
                    <Code c="gray.9" bg="gray.1">
                      {e.action}
                    </Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {t(`audit.actorKind.${e.actorKind}`, { defaultValue: e.actorKind })}
                    </Text>
                    {e.actorId ? (
                      <Text size="xs" c="gray.7" title={e.actorId}>
                        {shortId(e.actorId)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.targetType ?? '—'}</Text>
                    {e.targetId ? (
                      <Text size="xs" c="gray.7" title={e.targetId}>
                        {shortId(e.targetId)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{e.ip ?? '—'}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="outline"
                      color="simpul.8"
                      onClick={() => setDetail(e)}
                      aria-label={t('audit.detailNamed', { seq: e.seq })}
                    >
                      {t('audit.detail')}
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

  const lastSeq = events.data?.rows.at(-1)?.seq;

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        actions={
          <Button
            component="a"
            href={csvHref}
            download
            variant="outline"
            leftSection={<DownloadIcon size={16} />}
          >
            {t('audit.exportCsv')}
          </Button>
        }
      />
      <Stack gap="md">
        <VerificationBadge />
        <FilterForm key={params.toString()} applied={applied} onApply={apply} />
        {table}
        <Group
          justify="space-between"
          wrap="nowrap"
          gap="xs"
          aria-label={t('audit.pagination')}
          role="navigation"
        >
          <Button
            variant="default"
            size="sm"
            disabled={cursors.length === 0}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            {t('audit.newer')}
          </Button>
          <Text size="sm" c="gray.8">
            {t('audit.page', { page: cursors.length + 1 })}
          </Text>
          <Button
            variant="default"
            size="sm"
            disabled={!events.data?.hasMore || lastSeq === undefined}
            onClick={() => lastSeq !== undefined && setCursors((c) => [...c, lastSeq])}
          >
            {t('audit.older')}
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={detail !== null}
        onClose={() => setDetail(null)}
        title={<Text fw={700}>{t('audit.detailTitle', { seq: detail?.seq ?? '' })}</Text>}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {detail ? (
          <Stack gap="xs">
            <Text size="sm">
              <strong>{t('audit.col.action')}:</strong> {detail.action}
            </Text>
            <Text size="sm">
              <strong>{t('audit.col.time')}:</strong> {dates.dateTime(detail.occurredAt)}
            </Text>
            <Text size="sm" style={{ wordBreak: 'break-all' }}>
              <strong>{t('audit.col.actor')}:</strong> {detail.actorKind} {detail.actorId ?? ''}
            </Text>
            <Text size="sm" style={{ wordBreak: 'break-all' }}>
              <strong>{t('audit.col.target')}:</strong> {detail.targetType ?? '—'}{' '}
              {detail.targetId ?? ''}
            </Text>
            <Text size="sm" style={{ wordBreak: 'break-all' }}>
              <strong>{t('audit.userAgent')}:</strong> {detail.userAgent ?? '—'}
            </Text>
            <Text size="sm" style={{ wordBreak: 'break-all' }}>
              <strong>{t('audit.requestId')}:</strong> {detail.requestId ?? '—'}
            </Text>
            <Text size="sm" style={{ wordBreak: 'break-all' }}>
              <strong>{t('audit.hash')}:</strong> <Code>{detail.hash}</Code>
            </Text>
            <Text size="sm" fw={700} mt="xs">
              {t('audit.data')}
            </Text>
            <Code block c="gray.9" bg="gray.1" style={{ maxHeight: 320, overflow: 'auto' }}>
              {JSON.stringify(detail.data, null, 2)}
            </Code>
            <Anchor
              size="sm"
              c="simpul.8"
              underline="always"
              component="button"
              type="button"
              ta="left"
              onClick={() => {
                if (detail.targetType && detail.targetId) {
                  apply({ ...applied, targetType: detail.targetType, targetId: detail.targetId });
                  setDetail(null);
                }
              }}
              disabled={!detail.targetType || !detail.targetId}
            >
              {t('audit.sameTarget')}
            </Anchor>
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}

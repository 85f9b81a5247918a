import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { hasPermission, useCurrentUser } from '../../auth';
import { DownloadIcon } from '../../components/icons';
import { EmptyState, ErrorAlert, PageHeader, PageLoader } from '../../components/states';
import { ConsoleNotFound } from '../../components/RequirePermission';
import { useDates } from '../../tenant';
import { apiUrl, http } from '../../http';
import { DataTable, Pager, useDebounced } from '../org/common';
import { enumLabel, RecordLink, ReviewBadge, useAgencyNames, useCountryName } from './common';
import { facetEnumKey } from './fields';
import { kindOfSegment, SEGMENTS, type RecordKind, type RecordList } from './types';

const PAGE_SIZE = 25;

/** Columns shown in the list after name, code and agency (enum fields of the kind). */
const LIST_COLUMNS: Record<RecordKind, string[]> = {
  service: ['kind', 'status'],
  process: [],
  application: ['kind', 'lifecycle', 'hosting', 'securityClass'],
  infrastructure: ['kind', 'status'],
  data_asset: ['databaseGroup', 'classification'],
};

/** The order facets are offered in; anything else the API sends comes after. */
const FACET_ORDER = [
  'agencyId',
  'reviewState',
  'kind',
  'lifecycle',
  'hosting',
  'securityClass',
  'developer',
  'licence',
  'status',
  'databaseGroup',
  'classification',
  'hostingCountry',
  'country',
  'managingAgencyId',
];

export function RecordListPage() {
  const { seg } = useParams();
  const kind = kindOfSegment(seg);
  if (!kind) return <ConsoleNotFound />;
  return <RecordList key={kind} kind={kind} />;
}

function RecordList({ kind }: { kind: RecordKind }) {
  const { t } = useTranslation('catalog');
  const me = useCurrentUser();
  const dates = useDates();
  const agencyName = useAgencyNames();
  const canWrite = hasPermission(me, 'catalog:record:write');
  const countryName = useCountryName();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const query = useDebounced(q.trim());
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const filters: Record<string, string> = {};
  for (const [key, value] of params.entries()) {
    if (key !== 'q' && key !== 'page' && value) filters[key] = value;
  }
  const seg = SEGMENTS[kind];

  const list = useQuery({
    queryKey: ['catalog', 'records', kind, { query, page, filters }],
    queryFn: ({ signal }) =>
      http.get<RecordList>(
        `/api/catalog/${seg}`,
        { ...filters, q: query, page, pageSize: PAGE_SIZE, sort: 'name' },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next, { replace: true });
  };
  const setPage = (p: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set('page', String(p));
    else next.delete('page');
    setParams(next, { replace: true });
  };

  const facetLabel = (facet: string, value: string) => {
    if (facet === 'agencyId' || facet === 'managingAgencyId') return agencyName(value);
    if (facet === 'hostingCountry' || facet === 'country') return countryName(value);
    const key = facetEnumKey(kind, facet);
    return key ? enumLabel(t, key, value) : value;
  };
  const facets = Object.entries(list.data?.facets ?? {}).sort(
    ([a], [b]) =>
      (FACET_ORDER.indexOf(a) + 1 || 99) - (FACET_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b),
  );
  const filtered = Boolean(query) || Object.keys(filters).length > 0;
  const columns = LIST_COLUMNS[kind];

  return (
    <>
      <PageHeader
        title={t(`kinds.${kind}.plural`)}
        description={t(`kinds.${kind}.description`)}
        actions={
          canWrite ? (
            <Button component={Link} to={`/console/catalog/${seg}/new`}>
              {t(`kinds.${kind}.create`)}
            </Button>
          ) : null
        }
      />
      <Stack gap="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('list.search')}
            placeholder={t('list.searchPlaceholder')}
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              const next = new URLSearchParams(params);
              if (e.currentTarget.value.trim()) next.set('q', e.currentTarget.value.trim());
              else next.delete('q');
              next.delete('page');
              setParams(next, { replace: true });
            }}
            w={{ base: '100%', sm: 300 }}
          />
          {facets.map(([facet, values]) => (
            <Select
              key={facet}
              label={t(`fields.${facet}`, { defaultValue: facet })}
              placeholder={t('list.all')}
              clearable
              searchable={values.length > 8}
              data={values.map((v) => ({
                value: v.value,
                label: `${facetLabel(facet, v.value)} (${v.count})`,
              }))}
              value={filters[facet] ?? null}
              onChange={(v) => setFilter(facet, v)}
              w={{ base: '100%', sm: 200 }}
              comboboxProps={{ width: 320, position: 'bottom-start' }}
            />
          ))}
        </Group>
        <Group gap="sm" wrap="wrap">
          {(['csv', 'xlsx'] as const).map((format) => (
            <Anchor
              key={format}
              c="simpul.8"
              underline="always"
              size="sm"
              href={apiUrl('/api/catalog/export', { format, kind })}
              download
            >
              <Group gap={4} component="span" wrap="nowrap">
                <DownloadIcon size={16} />
                {t(`list.export_${format}`)}
              </Group>
            </Anchor>
          ))}
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
            title={filtered ? t('list.noMatch') : t(`kinds.${kind}.empty`)}
            body={!filtered && canWrite ? t('list.emptyHint') : undefined}
            action={
              !filtered && canWrite ? (
                <Button component={Link} to={`/console/catalog/${seg}/new`}>
                  {t(`kinds.${kind}.create`)}
                </Button>
              ) : undefined
            }
          />
        ) : (
          <>
            <Text size="sm" c="gray.7" aria-live="polite">
              {t('list.found', { count: list.data.total })}
            </Text>
            <DataTable
              caption={t(`kinds.${kind}.plural`)}
              minWidth={kind === 'application' ? 1040 : 800}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('fields.name')}</Table.Th>
                  <Table.Th scope="col">{t('fields.refCode')}</Table.Th>
                  <Table.Th scope="col">{t('fields.agencyId')}</Table.Th>
                  {columns.map((c) => (
                    <Table.Th scope="col" key={c}>
                      {t(`fields.${c}`)}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">{t('fields.reviewState')}</Table.Th>
                  <Table.Th scope="col">{t('fields.updatedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <RecordLink kind={kind} id={r.id} name={r.name} />
                    </Table.Td>
                    <Table.Td ff="monospace">{r.refCode ?? '—'}</Table.Td>
                    <Table.Td>{r.agencyName ?? agencyName(r.agencyId)}</Table.Td>
                    {columns.map((c) => (
                      <Table.Td key={c}>{enumLabel(t, facetEnumKey(kind, c) ?? c, r[c])}</Table.Td>
                    ))}
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <ReviewBadge state={r.reviewState} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{dates.date(r.updatedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </DataTable>
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

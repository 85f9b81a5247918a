import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Anchor,
  Button,
  Group,
  Select,
  Stack,
  Table,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { hasPermission, useCurrentUser } from '../../auth';
import { EmptyState, ErrorAlert, PageHeader, PageLoader } from '../../components/states';
import { http } from '../../http';
import { AgencyFormModal } from './AgencyForm';
import { DataTable, Pager, StatusBadge, useDebounced } from './common';
import { AGENCY_KINDS, type Agency, type Page } from './types';

const LIMIT = 50;

/** Perangkat Daerah: list, search, create and change. */
export function AgenciesPage() {
  const { t } = useTranslation('data');
  const me = useCurrentUser();
  const canWrite = hasPermission(me, 'org:agency:write');
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<Agency | 'new' | null>(null);
  const query = useDebounced(q.trim());

  const list = useQuery({
    queryKey: ['org', 'agencies', 'list', { q: query, kind, offset }],
    queryFn: ({ signal }) =>
      http.get<Page<Agency>>('/api/org/agencies', { q: query, kind, limit: LIMIT, offset }, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('agencies.title')}
        description={t('agencies.description')}
        actions={
          canWrite ? (
            <Button onClick={() => setEditing('new')}>{t('agencies.create')}</Button>
          ) : null
        }
      />
      <Stack gap="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('common.search')}
            placeholder={t('agencies.searchPlaceholder')}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              setOffset(0);
            }}
            type="search"
            w={{ base: '100%', sm: 320 }}
          />
          <Select
            label={t('agencies.kind')}
            placeholder={t('common.all')}
            clearable
            data={AGENCY_KINDS.map((k) => ({ value: k, label: t(`agencyKinds.${k}`) }))}
            value={kind}
            onChange={(v) => {
              setKind(v);
              setOffset(0);
            }}
            w={{ base: '100%', sm: 220 }}
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
            title={query || kind ? t('agencies.noMatch') : t('agencies.empty')}
            body={!query && !kind && canWrite ? t('agencies.emptyHint') : undefined}
            action={
              !query && !kind && canWrite ? (
                <Button onClick={() => setEditing('new')}>{t('agencies.create')}</Button>
              ) : undefined
            }
          />
        ) : (
          <>
            <DataTable caption={t('agencies.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('agencies.code')}</Table.Th>
                  <Table.Th scope="col">{t('agencies.name')}</Table.Th>
                  <Table.Th scope="col">{t('agencies.kind')}</Table.Th>
                  <Table.Th scope="col">{t('common.status')}</Table.Th>
                  {canWrite ? (
                    <Table.Th scope="col">
                      <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{a.code}</Table.Td>
                    <Table.Td>
                      <Anchor
                        c="simpul.8"
                        underline="always"
                        component={Link}
                        to={`/console/org/agencies/${a.id}`}
                      >
                        {a.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`agencyKinds.${a.kind}`)}</Table.Td>
                    <Table.Td>
                      <StatusBadge
                        active={a.active}
                        label={a.active ? t('common.active') : t('common.inactive')}
                      />
                    </Table.Td>
                    {canWrite ? (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setEditing(a)}
                          aria-label={t('agencies.editNamed', { name: a.name })}
                        >
                          {t('common.edit')}
                        </Button>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </DataTable>
            <Pager
              offset={offset}
              limit={LIMIT}
              count={list.data.items.length}
              total={list.data.total}
              onChange={setOffset}
            />
          </>
        )}
      </Stack>
      {editing ? (
        <AgencyFormModal
          opened
          agency={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Anchor,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { hasPermission, useCurrentUser } from '../../auth';
import { DownloadIcon } from '../../components/icons';
import { EmptyState, ErrorAlert, PageHeader, PageLoader } from '../../components/states';
import { apiUrl, http } from '../../http';
import {
  agencyOptions,
  DataTable,
  fieldErrors,
  Pager,
  StatusBadge,
  useAllAgencies,
  useDebounced,
} from './common';
import {
  EMPLOYEE_STATUSES,
  type Employee,
  type EmployeeStatus,
  type Page,
  type Position,
  type Unit,
} from './types';

const LIMIT = 50;

/** Pegawai: search, filter by agency and status, create and change; CSV/XLSX export. */
export function EmployeesPage() {
  const { t } = useTranslation('data');
  const me = useCurrentUser();
  const canWrite = hasPermission(me, 'org:employee:write');
  const [params, setParams] = useSearchParams();
  const agencyId = params.get('agencyId');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<Employee | 'new' | null>(null);
  const query = useDebounced(q.trim());
  const agencies = useAllAgencies();
  const agencyName = (id: string) => agencies.data?.find((a) => a.id === id)?.shortName ?? '—';

  const list = useQuery({
    queryKey: ['org', 'employees', 'list', { q: query, agencyId, status, offset }],
    queryFn: ({ signal }) =>
      http.get<Page<Employee>>(
        '/api/org/employees',
        { q: query, agencyId, status, limit: LIMIT, offset },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(query || agencyId || status);

  return (
    <>
      <PageHeader
        title={t('employees.title')}
        description={t('employees.description')}
        actions={
          <>
            {canWrite ? (
              <Button component={Link} to="/console/org/import" variant="default">
                {t('employees.import')}
              </Button>
            ) : null}
            {canWrite ? (
              <Button onClick={() => setEditing('new')}>{t('employees.create')}</Button>
            ) : null}
          </>
        }
      />
      <Stack gap="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('common.search')}
            placeholder={t('employees.searchPlaceholder')}
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              setOffset(0);
            }}
            w={{ base: '100%', sm: 280 }}
          />
          <Select
            label={t('employees.agency')}
            placeholder={t('common.all')}
            clearable
            searchable
            data={agencyOptions(agencies.data)}
            value={agencyId}
            onChange={(v) => {
              setParams(v ? { agencyId: v } : {}, { replace: true });
              setOffset(0);
            }}
            w={{ base: '100%', sm: 320 }}
          />
          <Select
            label={t('common.status')}
            placeholder={t('common.all')}
            clearable
            data={EMPLOYEE_STATUSES.map((s) => ({ value: s, label: t(`employeeStatuses.${s}`) }))}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setOffset(0);
            }}
            w={{ base: '100%', sm: 180 }}
          />
        </Group>
        <Group gap="sm" wrap="wrap">
          {(['csv', 'xlsx'] as const).map((format) => (
            <Anchor
              c="simpul.8"
              underline="always"
              key={format}
              href={apiUrl('/api/org/employees/export', { format, agencyId })}
              download
              size="sm"
            >
              <Group gap={4} component="span" wrap="nowrap">
                <DownloadIcon size={16} />
                {t(`employees.export_${format}`)}
              </Group>
            </Anchor>
          ))}
        </Group>

        {list.isPending ? (
          <PageLoader />
        ) : list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyState
            title={filtered ? t('employees.noMatch') : t('employees.empty')}
            body={!filtered && canWrite ? t('employees.emptyHint') : undefined}
          />
        ) : (
          <>
            <DataTable caption={t('employees.title')} minWidth={720}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('employees.nip')}</Table.Th>
                  <Table.Th scope="col">{t('employees.name')}</Table.Th>
                  <Table.Th scope="col">{t('employees.agency')}</Table.Th>
                  <Table.Th scope="col">{t('common.status')}</Table.Th>
                  <Table.Th scope="col">{t('employees.email')}</Table.Th>
                  {canWrite ? (
                    <Table.Th scope="col">
                      <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{e.nip}</Table.Td>
                    <Table.Td>{e.name}</Table.Td>
                    <Table.Td>{agencyName(e.agencyId)}</Table.Td>
                    <Table.Td>
                      <StatusBadge
                        active={e.status === 'active'}
                        label={t(`employeeStatuses.${e.status}`)}
                      />
                    </Table.Td>
                    <Table.Td>{e.email ?? '—'}</Table.Td>
                    {canWrite ? (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={t('employees.editNamed', { name: e.name })}
                          onClick={() => setEditing(e)}
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
        <EmployeeModal
          employee={editing === 'new' ? undefined : editing}
          defaultAgencyId={agencyId}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

interface Draft {
  nip: string;
  name: string;
  agencyId: string;
  unitId: string;
  positionId: string;
  status: EmployeeStatus;
  email: string;
  phone: string;
}

function EmployeeModal({
  employee,
  defaultAgencyId,
  onClose,
}: {
  employee?: Employee;
  defaultAgencyId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('data');
  const client = useQueryClient();
  const agencies = useAllAgencies();
  const [draft, setDraft] = useState<Draft>({
    nip: employee?.nip ?? '',
    name: employee?.name ?? '',
    agencyId: employee?.agencyId ?? defaultAgencyId ?? '',
    unitId: employee?.unitId ?? '',
    positionId: employee?.positionId ?? '',
    status: employee?.status ?? 'active',
    email: employee?.email ?? '',
    phone: employee?.phone ?? '',
  });
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const units = useQuery({
    queryKey: ['org', 'units', draft.agencyId],
    queryFn: ({ signal }) =>
      http.get<Unit[]>(`/api/org/agencies/${draft.agencyId}/units`, undefined, signal),
    enabled: draft.agencyId !== '',
  });
  const positions = useQuery({
    queryKey: ['org', 'positions', draft.agencyId],
    queryFn: ({ signal }) =>
      http.get<Position[]>(`/api/org/agencies/${draft.agencyId}/positions`, undefined, signal),
    enabled: draft.agencyId !== '',
  });

  const save = useMutation({
    mutationFn: () => {
      const body = {
        nip: draft.nip.replace(/\s+/g, ''),
        name: draft.name.trim(),
        agencyId: draft.agencyId,
        unitId: draft.unitId || null,
        positionId: draft.positionId || null,
        status: draft.status,
        email: draft.email.trim() || null,
        phone: draft.phone.trim() || null,
      };
      return employee
        ? http.patch<Employee>(`/api/org/employees/${employee.id}`, body)
        : http.post<Employee>('/api/org/employees', body);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['org', 'employees'] });
      onClose();
    },
  });
  const errs = fieldErrors(save.error, {
    'org.nip_invalid': 'nip',
    'org.nip_taken': 'nip',
    'org.reference_mismatch': 'unitId',
    'org.agency_not_found': 'agencyId',
    'org.unit_not_found': 'unitId',
    'org.position_not_found': 'positionId',
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need = {
      nip: draft.nip.trim() === '',
      name: draft.name.trim() === '',
      agencyId: draft.agencyId === '',
    };
    setMissing(need);
    if (!Object.values(need).some(Boolean)) save.mutate();
  };
  const err = (field: keyof Draft) =>
    missing[field] ? t('common.required') : (errs.fields[field] ?? undefined);

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      size="lg"
      title={employee ? t('employees.editTitle') : t('employees.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {save.isError && errs.rest ? <ErrorAlert error={save.error} /> : null}
          <TextInput
            label={t('employees.nip')}
            description={t('employees.nipHint')}
            required
            inputMode="numeric"
            autoComplete="off"
            maxLength={40}
            value={draft.nip}
            onChange={(e) => set('nip', e.currentTarget.value)}
            error={err('nip')}
          />
          <TextInput
            label={t('employees.name')}
            required
            maxLength={200}
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={err('name')}
          />
          <Select
            label={t('employees.agency')}
            required
            searchable
            allowDeselect={false}
            data={agencyOptions(agencies.data)}
            value={draft.agencyId || null}
            onChange={(v) =>
              setDraft((d) => ({ ...d, agencyId: v ?? '', unitId: '', positionId: '' }))
            }
            error={err('agencyId')}
          />
          <Select
            label={t('employees.unit')}
            searchable
            disabled={!draft.agencyId}
            allowDeselect={false}
            data={[
              { value: '', label: t('common.none') },
              ...(units.data ?? []).map((u) => ({ value: u.id, label: `${u.code} — ${u.name}` })),
            ]}
            value={draft.unitId}
            onChange={(v) => set('unitId', v ?? '')}
            error={err('unitId')}
          />
          <Select
            label={t('employees.position')}
            searchable
            disabled={!draft.agencyId}
            allowDeselect={false}
            data={[
              { value: '', label: t('common.none') },
              ...(positions.data ?? []).map((p) => ({ value: p.id, label: p.name })),
            ]}
            value={draft.positionId}
            onChange={(v) => set('positionId', v ?? '')}
            error={err('positionId')}
          />
          <Select
            label={t('common.status')}
            allowDeselect={false}
            data={EMPLOYEE_STATUSES.map((s) => ({ value: s, label: t(`employeeStatuses.${s}`) }))}
            value={draft.status}
            onChange={(v) => v && set('status', v as EmployeeStatus)}
          />
          <TextInput
            label={t('employees.email')}
            type="email"
            autoComplete="off"
            value={draft.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={err('email')}
          />
          <TextInput
            label={t('employees.phone')}
            type="tel"
            autoComplete="off"
            value={draft.phone}
            onChange={(e) => set('phone', e.currentTarget.value)}
            error={err('phone')}
          />
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

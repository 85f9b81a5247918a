import { useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { hasPermission, useCurrentUser } from '../../auth';
import {
  EmptyState,
  ErrorAlert,
  PageHeader,
  PageLoader,
  RecordPageState,
} from '../../components/states';
import { http } from '../../http';
import { AgencyFormModal } from './AgencyForm';
import { DataTable, fieldErrors, StatusBadge } from './common';
import { POSITION_KINDS, type Agency, type Position, type PositionKind, type Unit } from './types';

/** One agency: its facts, its unit tree (create, rename, move) and its positions. */
export function AgencyDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('data');
  const me = useCurrentUser();
  const [editing, setEditing] = useState(false);
  const agency = useQuery({
    queryKey: ['org', 'agencies', 'one', id],
    queryFn: ({ signal }) => http.get<Agency>(`/api/org/agencies/${id}`, undefined, signal),
  });

  if (agency.isPending || agency.isError) {
    return <RecordPageState title={t('agencies.detailTitle')} query={agency} />;
  }
  const a = agency.data;
  const canEditAgency = hasPermission(me, 'org:agency:write');
  return (
    <>
      <Anchor c="simpul.8" underline="always" component={Link} to="/console/org/agencies" size="sm">
        ← {t('agencies.backToList')}
      </Anchor>
      <PageHeader
        title={a.name}
        description={`${a.code} · ${t(`agencyKinds.${a.kind}`)}`}
        actions={
          <>
            <Button
              component={Link}
              variant="default"
              to={`/console/org/employees?agencyId=${a.id}`}
            >
              {t('agencies.employees')}
            </Button>
            {canEditAgency ? (
              <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
            ) : null}
          </>
        }
      />
      <Group gap="xs" mb="md">
        <StatusBadge
          active={a.active}
          label={a.active ? t('common.active') : t('common.inactive')}
        />
        {a.isIctOffice ? <Badge variant="outline">{t('agencies.isIctOffice')}</Badge> : null}
        {a.isPlanningAgency ? (
          <Badge variant="outline">{t('agencies.isPlanningAgency')}</Badge>
        ) : null}
      </Group>
      <Tabs defaultValue="units" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="units">{t('units.title')}</Tabs.Tab>
          <Tabs.Tab value="positions">{t('positions.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="units" pt="md">
          <UnitTree agency={a} canWrite={hasPermission(me, 'org:unit:write')} />
        </Tabs.Panel>
        <Tabs.Panel value="positions" pt="md">
          <Positions agency={a} canWrite={hasPermission(me, 'org:unit:write')} />
        </Tabs.Panel>
      </Tabs>
      {editing ? <AgencyFormModal opened agency={a} onClose={() => setEditing(false)} /> : null}
    </>
  );
}

function useUnits(agencyId: string) {
  return useQuery({
    queryKey: ['org', 'units', agencyId],
    queryFn: ({ signal }) =>
      http.get<Unit[]>(`/api/org/agencies/${agencyId}/units`, undefined, signal),
  });
}

/** Units below `parentId`, sorted by code. */
function childrenOf(units: Unit[], parentId: string | null) {
  return units.filter((u) => u.parentId === parentId).sort((x, y) => x.code.localeCompare(y.code));
}

/** The unit and everything below it (a unit cannot move under itself). */
function subtree(units: Unit[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return out;
}

type UnitDialog =
  | { kind: 'create'; parentId: string | null }
  | { kind: 'rename'; unit: Unit }
  | { kind: 'move'; unit: Unit };

function UnitTree({ agency, canWrite }: { agency: Agency; canWrite: boolean }) {
  const { t } = useTranslation('data');
  const units = useUnits(agency.id);
  const [dialog, setDialog] = useState<UnitDialog | null>(null);

  if (units.isPending) return <PageLoader rows={3} />;
  if (units.isError) return <ErrorAlert error={units.error} onRetry={() => void units.refetch()} />;
  const all = units.data;

  const renderLevel = (parentId: string | null, depth: number) => {
    const level = childrenOf(all, parentId);
    if (level.length === 0) return null;
    return (
      <ul
        style={{
          listStyle: 'none',
          margin: 0,
          paddingLeft: depth === 0 ? 0 : 20,
          borderLeft: depth === 0 ? undefined : '2px solid var(--mantine-color-gray-3)',
        }}
      >
        {level.map((u) => (
          <li key={u.id}>
            <Group gap="xs" py={6} wrap="wrap" justify="space-between">
              <Text size="sm">
                <Text span fw={600}>
                  {u.name}
                </Text>{' '}
                <Text span c="gray.7">
                  ({u.code})
                </Text>
              </Text>
              {canWrite ? (
                <Group gap={4}>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    aria-label={t('units.addChildOf', { name: u.name })}
                    onClick={() => setDialog({ kind: 'create', parentId: u.id })}
                  >
                    {t('units.addChild')}
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    aria-label={t('units.renameNamed', { name: u.name })}
                    onClick={() => setDialog({ kind: 'rename', unit: u })}
                  >
                    {t('units.rename')}
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    aria-label={t('units.moveNamed', { name: u.name })}
                    onClick={() => setDialog({ kind: 'move', unit: u })}
                  >
                    {t('units.move')}
                  </Button>
                </Group>
              ) : null}
            </Group>
            {renderLevel(u.id, depth + 1)}
          </li>
        ))}
      </ul>
    );
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('units.title')}
        </Title>
        {canWrite ? (
          <Button size="xs" onClick={() => setDialog({ kind: 'create', parentId: null })}>
            {t('units.create')}
          </Button>
        ) : null}
      </Group>
      {all.length === 0 ? (
        <EmptyState title={t('units.empty')} />
      ) : (
        <Paper withBorder p="sm" radius="md" aria-label={t('units.treeLabel')} component="section">
          {renderLevel(null, 0)}
        </Paper>
      )}
      {dialog ? (
        <UnitDialogModal
          agency={agency}
          units={all}
          dialog={dialog}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </Stack>
  );
}

function UnitDialogModal({
  agency,
  units,
  dialog,
  onClose,
}: {
  agency: Agency;
  units: Unit[];
  dialog: UnitDialog;
  onClose: () => void;
}) {
  const { t } = useTranslation('data');
  const client = useQueryClient();
  const unit = dialog.kind === 'create' ? null : dialog.unit;
  const [code, setCode] = useState('');
  const [name, setName] = useState(unit?.name ?? '');
  const [parentId, setParentId] = useState<string>(
    (dialog.kind === 'create' ? dialog.parentId : unit?.parentId) ?? '',
  );
  const [missing, setMissing] = useState(false);

  const blocked = useMemo(
    () => (unit ? subtree(units, unit.id) : new Set<string>()),
    [units, unit],
  );
  const parentOptions = [
    { value: '', label: t('units.topLevel') },
    ...units
      .filter((u) => !blocked.has(u.id))
      .sort((x, y) => x.code.localeCompare(y.code))
      .map((u) => ({ value: u.id, label: `${u.code} — ${u.name}` })),
  ];

  const save = useMutation({
    mutationFn: () => {
      if (dialog.kind === 'create') {
        return http.post<Unit>(`/api/org/agencies/${agency.id}/units`, {
          code: code.trim(),
          name: name.trim(),
          parentId: parentId || null,
        });
      }
      const body =
        dialog.kind === 'rename' ? { name: name.trim() } : { parentId: parentId || null };
      return http.patch<Unit>(`/api/org/units/${dialog.unit.id}`, body);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['org', 'units', agency.id] });
      onClose();
    },
  });
  const errs = fieldErrors(save.error, {
    'org.unit_code_taken': 'code',
    'org.unit_parent_invalid': 'parentId',
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const empty =
      (dialog.kind !== 'move' && name.trim() === '') ||
      (dialog.kind === 'create' && code.trim() === '');
    setMissing(empty);
    if (!empty) save.mutate();
  };

  const title =
    dialog.kind === 'create'
      ? t('units.createTitle')
      : dialog.kind === 'rename'
        ? t('units.renameTitle', { name: dialog.unit.name })
        : t('units.moveTitle', { name: dialog.unit.name });

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={title}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {save.isError && errs.rest ? <ErrorAlert error={save.error} /> : null}
          {dialog.kind === 'create' ? (
            <TextInput
              label={t('units.code')}
              required
              maxLength={32}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={missing && code.trim() === '' ? t('common.required') : errs.fields.code}
            />
          ) : null}
          {dialog.kind !== 'move' ? (
            <TextInput
              label={t('units.name')}
              required
              maxLength={200}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={missing && name.trim() === '' ? t('common.required') : errs.fields.name}
            />
          ) : null}
          {dialog.kind !== 'rename' ? (
            <Select
              label={t('units.parent')}
              data={parentOptions}
              value={parentId}
              allowDeselect={false}
              searchable
              onChange={(v) => setParentId(v ?? '')}
              error={errs.fields.parentId}
            />
          ) : null}
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

function Positions({ agency, canWrite }: { agency: Agency; canWrite: boolean }) {
  const { t } = useTranslation('data');
  const units = useUnits(agency.id);
  const positions = useQuery({
    queryKey: ['org', 'positions', agency.id],
    queryFn: ({ signal }) =>
      http.get<Position[]>(`/api/org/agencies/${agency.id}/positions`, undefined, signal),
  });
  const [editing, setEditing] = useState<Position | 'new' | null>(null);
  const unitName = (id: string | null) =>
    id ? (units.data?.find((u) => u.id === id)?.name ?? '—') : '—';

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('positions.title')}
        </Title>
        {canWrite ? (
          <Button size="xs" onClick={() => setEditing('new')}>
            {t('positions.create')}
          </Button>
        ) : null}
      </Group>
      {positions.isPending ? (
        <PageLoader rows={3} />
      ) : positions.isError ? (
        <ErrorAlert error={positions.error} onRetry={() => void positions.refetch()} />
      ) : positions.data.length === 0 ? (
        <EmptyState title={t('positions.empty')} />
      ) : (
        <DataTable caption={t('positions.title')} minWidth={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('positions.name')}</Table.Th>
              <Table.Th scope="col">{t('positions.kind')}</Table.Th>
              <Table.Th scope="col">{t('positions.grade')}</Table.Th>
              <Table.Th scope="col">{t('positions.unit')}</Table.Th>
              {canWrite ? (
                <Table.Th scope="col">
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {positions.data.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>{t(`positionKinds.${p.kind}`)}</Table.Td>
                <Table.Td>{p.grade ?? '—'}</Table.Td>
                <Table.Td>{unitName(p.unitId)}</Table.Td>
                {canWrite ? (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('positions.editNamed', { name: p.name })}
                      onClick={() => setEditing(p)}
                    >
                      {t('common.edit')}
                    </Button>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
      {editing ? (
        <PositionModal
          agency={agency}
          units={units.data ?? []}
          position={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}

function PositionModal({
  agency,
  units,
  position,
  onClose,
}: {
  agency: Agency;
  units: Unit[];
  position?: Position;
  onClose: () => void;
}) {
  const { t } = useTranslation('data');
  const client = useQueryClient();
  const [name, setName] = useState(position?.name ?? '');
  const [kind, setKind] = useState<PositionKind>(position?.kind ?? 'structural');
  const [grade, setGrade] = useState(position?.grade ?? '');
  const [unitId, setUnitId] = useState(position?.unitId ?? '');
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const body = { name: name.trim(), kind, grade: grade.trim() || null, unitId: unitId || null };
      return position
        ? http.patch<Position>(`/api/org/positions/${position.id}`, body)
        : http.post<Position>(`/api/org/agencies/${agency.id}/positions`, body);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['org', 'positions', agency.id] });
      onClose();
    },
  });
  const errs = fieldErrors(save.error, { 'org.reference_mismatch': 'unitId' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(name.trim() === '');
    if (name.trim() !== '') save.mutate();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={position ? t('positions.editTitle') : t('positions.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {save.isError && errs.rest ? <ErrorAlert error={save.error} /> : null}
          <TextInput
            label={t('positions.name')}
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={missing ? t('common.required') : errs.fields.name}
          />
          <Select
            label={t('positions.kind')}
            required
            allowDeselect={false}
            data={POSITION_KINDS.map((k) => ({ value: k, label: t(`positionKinds.${k}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as PositionKind)}
          />
          <TextInput
            label={t('positions.grade')}
            maxLength={20}
            value={grade}
            onChange={(e) => setGrade(e.currentTarget.value)}
            error={errs.fields.grade}
          />
          <Select
            label={t('positions.unit')}
            data={[
              { value: '', label: t('positions.noUnit') },
              ...units.map((u) => ({ value: u.id, label: `${u.code} — ${u.name}` })),
            ]}
            value={unitId}
            allowDeselect={false}
            searchable
            onChange={(v) => setUnitId(v ?? '')}
            error={errs.fields.unitId}
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

import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Group,
  MultiSelect,
  Paper,
  Radio,
  Select,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useCurrentUser } from '../../auth';
import { ErrorAlert, Notice, PageHeader, RecordPageState } from '../../components/states';
import { ConsoleNotFound, Forbidden } from '../../components/RequirePermission';
import { ApiError, http } from '../../http';
import { fieldErrors, useAllAgencies, useDebounced } from '../org/common';
import type { Employee, Page } from '../org/types';
import { CodePicker, canWriteAgency, enumLabel, recordPath, writableAgencies } from './common';
import { KIND_FIELDS, type FieldDef } from './fields';
import {
  kindOfSegment,
  SEGMENTS,
  type CatalogRecord,
  type RecordKind,
  type RecordList,
} from './types';

type Draft = Record<string, unknown>;

/** /console/catalog/:seg/new and /console/catalog/:seg/:id/edit */
export function RecordFormPage() {
  const { seg, id } = useParams();
  const kind = kindOfSegment(seg);
  if (!kind) return <ConsoleNotFound />;
  return id ? <EditRecord key={id} kind={kind} id={id} /> : <RecordForm key={kind} kind={kind} />;
}

function EditRecord({ kind, id }: { kind: RecordKind; id: string }) {
  const { t } = useTranslation('catalog');
  const me = useCurrentUser();
  const record = useQuery({
    queryKey: ['catalog', 'record', kind, id],
    queryFn: ({ signal }) =>
      http.get<CatalogRecord>(`/api/catalog/${SEGMENTS[kind]}/${id}`, undefined, signal),
  });
  if (!record.data) return <RecordPageState title={t('form.editTitle')} query={record} />;
  if (!canWriteAgency(me, record.data.agencyId)) return <Forbidden />;
  return <RecordForm kind={kind} record={record.data} />;
}

function initialDraft(kind: RecordKind, record: CatalogRecord | undefined, agencyId: string) {
  const draft: Draft = {
    agencyId: record?.agencyId ?? agencyId,
    name: record?.name ?? '',
    description: record?.description ?? '',
    refCode: record?.refCode ?? '',
  };
  for (const f of KIND_FIELDS[kind]) {
    const value = record ? record[f.name] : f.initial;
    if (f.type === 'lines') draft[f.name] = Array.isArray(value) ? value.join('\n') : '';
    else if (f.type === 'multienum') draft[f.name] = Array.isArray(value) ? value : [];
    else if (f.type === 'bool')
      draft[f.name] = value === true ? 'yes' : value === false ? 'no' : '';
    else draft[f.name] = value ?? '';
  }
  return draft;
}

/** The body the API takes: empty text is null, lines are a list, yes/no a boolean. */
function toBody(kind: RecordKind, draft: Draft): Record<string, unknown> {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const body: Record<string, unknown> = {
    agencyId: draft.agencyId,
    name: String(draft.name ?? '').trim(),
    description: text(draft.description),
    refCode: text(draft.refCode),
  };
  for (const f of KIND_FIELDS[kind]) {
    const visible = !f.when || f.when(draft);
    const v = draft[f.name];
    if (f.type === 'lines') {
      body[f.name] = visible
        ? String(v ?? '')
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter(Boolean)
        : [];
    } else if (f.type === 'multienum') body[f.name] = visible && Array.isArray(v) ? v : [];
    else if (f.type === 'bool') body[f.name] = visible && v !== '' ? v === 'yes' : null;
    else body[f.name] = visible ? text(v) : null;
  }
  return body;
}

/** Whether a form value equals the stored one (null, '' and [] are all "empty"). */
function sameValue(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) =>
    v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  if (empty(a) && empty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => v === b[i]);
  }
  return a === b;
}

/** Error codes that belong to one field. */
const CODE_FIELDS: Record<string, string> = {
  'catalog.code_invalid': 'refCode',
  'catalog.code_unknown': 'refCode',
  'catalog.agency_unknown': 'agencyId',
  'catalog.duplicate_target_invalid': 'duplicatesId',
};

function RecordForm({ kind, record }: { kind: RecordKind; record?: CatalogRecord }) {
  const { t } = useTranslation('catalog');
  const me = useCurrentUser();
  const navigate = useNavigate();
  const client = useQueryClient();
  const agencies = useAllAgencies();
  const allowed = writableAgencies(me);
  const agencyChoices = (agencies.data ?? [])
    .filter((a) => allowed === null || allowed.includes(a.id))
    .map((a) => ({ value: a.id, label: `${a.shortName} — ${a.name}` }));
  const [draft, setDraft] = useState<Draft>(() =>
    initialDraft(kind, record, allowed && allowed.length === 1 ? allowed[0]! : ''),
  );
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const set = (key: string, value: unknown) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setMissing((m) => (m[key] ? { ...m, [key]: false } : m));
  };
  const seg = SEGMENTS[kind];

  const save = useMutation({
    mutationFn: async () => {
      const body = toBody(kind, draft);
      if (record) {
        // Only what changed: an agency's proposal then lists exactly the changed fields.
        const changed = Object.fromEntries(
          Object.entries(body).filter(([k, v]) => !sameValue(v, record[k])),
        );
        return http.patch<CatalogRecord>(`/api/catalog/${seg}/${record.id}`, {
          ...changed,
          version: record.version,
        });
      }
      // A new record leaves out what is empty (the server's defaults apply).
      const filled = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null));
      return http.post<CatalogRecord>(`/api/catalog/${seg}`, filled);
    },
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: ['catalog'] });
      const proposed =
        saved.applied === false || saved.reviewState === 'pending' || Boolean(saved.pendingChange);
      void navigate(recordPath(kind, saved.id ?? record?.id ?? ''), {
        state: { notice: proposed ? 'proposed' : 'saved' },
      });
    },
  });
  const errs = fieldErrors(save.error, CODE_FIELDS);
  // The registry's own errors name their field in the details ({ field, reason }).
  if (save.error instanceof ApiError && errs.rest) {
    const details = save.error.details as { field?: unknown } | undefined;
    if (details && !Array.isArray(details) && typeof details.field === 'string') {
      errs.fields[details.field] = save.error.serverMessage ?? save.error.message;
      errs.rest = false;
    }
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need: Record<string, boolean> = {
      agencyId: !draft.agencyId,
      name: String(draft.name ?? '').trim() === '',
    };
    for (const f of KIND_FIELDS[kind]) {
      if (f.required && (!f.when || f.when(draft))) {
        const v = draft[f.name];
        need[f.name] = v === '' || v === null || v === undefined;
      }
    }
    setMissing(need);
    if (!Object.values(need).some(Boolean)) save.mutate();
  };
  const err = (field: string) =>
    missing[field] ? t('form.required') : (errs.fields[field] ?? undefined);

  const title = record
    ? t('form.editTitleNamed', { name: record.name })
    : t(`kinds.${kind}.createTitle`);
  const ict = allowed === null;

  return (
    <>
      <PageHeader title={title} description={t(`kinds.${kind}.description`)} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={760}>
          {!ict ? (
            <Notice tone="info" title={t('form.reviewNoticeTitle')}>
              {t('form.reviewNotice')}
            </Notice>
          ) : null}
          {save.isError && errs.rest ? (
            <ErrorAlert error={save.error} title={t('form.saveFailed')} />
          ) : null}
          <Paper withBorder p="md" radius="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('form.general')}
              </Title>
              <Select
                label={t('fields.agencyId')}
                required
                searchable
                allowDeselect={false}
                data={agencyChoices}
                value={(draft.agencyId as string) || null}
                onChange={(v) => set('agencyId', v ?? '')}
                error={err('agencyId')}
                disabled={Boolean(record) && !ict}
              />
              <TextInput
                label={t('fields.name')}
                required
                maxLength={300}
                value={String(draft.name ?? '')}
                onChange={(e) => set('name', e.currentTarget.value)}
                error={err('name')}
              />
              <Textarea
                label={t('fields.description')}
                autosize
                minRows={2}
                maxLength={4000}
                value={String(draft.description ?? '')}
                onChange={(e) => set('description', e.currentTarget.value)}
                error={err('description')}
              />
              <CodePicker
                kind={kind}
                label={t('fields.refCode')}
                description={t('form.refCodeHint')}
                value={String(draft.refCode ?? '')}
                onChange={(v) => set('refCode', v)}
                error={err('refCode')}
              />
            </Stack>
          </Paper>
          {KIND_FIELDS[kind].length > 0 ? (
            <Paper withBorder p="md" radius="md">
              <Stack gap="sm">
                <Title order={2} size="h4">
                  {t(`kinds.${kind}.fieldsTitle`)}
                </Title>
                {KIND_FIELDS[kind]
                  .filter((f) => !f.when || f.when(draft))
                  .map((f) => (
                    <FieldInput
                      key={f.name}
                      kind={kind}
                      def={f}
                      draft={draft}
                      value={draft[f.name]}
                      onChange={(v) => set(f.name, v)}
                      error={err(f.name)}
                      recordId={record?.id}
                    />
                  ))}
              </Stack>
            </Paper>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              component={Link}
              to={record ? recordPath(kind, record.id) : `/console/catalog/${seg}`}
            >
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {ict ? t('form.save') : t('form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}

const COUNTRIES = ['ID', 'SG', 'MY', 'US', 'NL', 'DE', 'IE', 'JP', 'AU', 'CN', 'IN', 'GB', 'FR'];

function FieldInput({
  kind,
  def,
  draft,
  value,
  onChange,
  error,
  recordId,
}: {
  kind: RecordKind;
  def: FieldDef;
  draft: Draft;
  value: unknown;
  onChange: (value: unknown) => void;
  error: string | undefined;
  recordId: string | undefined;
}) {
  const { t, i18n } = useTranslation('catalog');
  const label = t(`fields.${def.name}`);
  const description = t(`hints.${kind}.${def.name}`, { defaultValue: '' }) || undefined;
  const common = { label, description, error, required: Boolean(def.required) };
  switch (def.type) {
    case 'enum':
      return (
        <Select
          {...common}
          clearable={!def.required}
          allowDeselect={!def.required}
          data={(def.options ?? []).map((o) => ({
            value: o,
            label: enumLabel(t, def.enumKey ?? def.name, o),
          }))}
          value={(value as string) || null}
          onChange={(v) => onChange(v ?? '')}
        />
      );
    case 'multienum':
      return (
        <MultiSelect
          {...common}
          data={(def.options ?? []).map((o) => ({
            value: o,
            label: enumLabel(t, def.enumKey ?? def.name, o),
          }))}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={onChange}
        />
      );
    case 'bool':
      return (
        <Radio.Group {...common} value={String(value ?? '')} onChange={onChange}>
          <Group gap="md" mt={4}>
            <Radio value="yes" label={t('common.yes')} />
            <Radio value="no" label={t('common.no')} />
            <Radio value="" label={t('common.unknown')} />
          </Group>
        </Radio.Group>
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={String(value ?? '')}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'textarea':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          value={String(value ?? '')}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'lines':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          placeholder="https://"
          value={String(value ?? '')}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'country': {
      const names = new Intl.DisplayNames([i18n.resolvedLanguage === 'en' ? 'en' : 'id'], {
        type: 'region',
      });
      const codes =
        COUNTRIES.includes(String(value)) || !value ? COUNTRIES : [...COUNTRIES, String(value)];
      return (
        <Select
          {...common}
          searchable
          allowDeselect={false}
          data={codes.map((c) => ({ value: c, label: `${names.of(c) ?? c} (${c})` }))}
          value={(value as string) || null}
          onChange={(v) => onChange(v ?? '')}
        />
      );
    }
    case 'agency':
      return <AgencyField {...common} value={value} onChange={onChange} />;
    case 'application':
      return (
        <RecordField
          {...common}
          kind="application"
          filter={{ kind: 'shared' }}
          exclude={recordId}
          value={value}
          onChange={onChange}
        />
      );
    case 'infrastructure':
      return (
        <RecordField
          {...common}
          kind="infrastructure"
          exclude={recordId}
          value={value}
          onChange={onChange}
        />
      );
    case 'employee':
      return (
        <EmployeeField
          {...common}
          agencyId={String(draft.agencyId ?? '')}
          value={value}
          onChange={onChange}
        />
      );
    default:
      return (
        <TextInput
          {...common}
          type={def.type === 'url' ? 'url' : 'text'}
          maxLength={def.maxLength}
          value={String(value ?? '')}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}

interface PickerProps {
  label: string;
  description: string | undefined;
  error: string | undefined;
  required: boolean;
  value: unknown;
  onChange: (value: unknown) => void;
}

function AgencyField(props: PickerProps) {
  const agencies = useAllAgencies();
  return (
    <Select
      label={props.label}
      description={props.description}
      error={props.error}
      required={props.required}
      searchable
      allowDeselect={false}
      data={(agencies.data ?? []).map((a) => ({
        value: a.id,
        label: `${a.shortName} — ${a.name}`,
      }))}
      value={(props.value as string) || null}
      onChange={(v) => props.onChange(v ?? '')}
    />
  );
}

/** Picks another record of the registry (searched by name). */
function RecordField(
  props: PickerProps & { kind: RecordKind; filter?: Record<string, string>; exclude?: string },
) {
  const { t } = useTranslation('catalog');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const list = useQuery({
    queryKey: ['catalog', 'records', props.kind, 'picker', props.filter, q],
    queryFn: ({ signal }) =>
      http.get<RecordList>(
        `/api/catalog/${SEGMENTS[props.kind]}`,
        { ...(props.filter ?? {}), q, pageSize: 50, sort: 'name' },
        signal,
      ),
  });
  const current = props.value as string;
  const data = useMemo(() => {
    const items = (list.data?.items ?? [])
      .filter((r) => r.id !== props.exclude)
      .map((r) => ({ value: r.id, label: r.refCode ? `${r.name} (${r.refCode})` : r.name }));
    if (current && !items.some((i) => i.value === current)) {
      items.unshift({ value: current, label: t('form.currentSelection') });
    }
    return [{ value: '', label: t('common.none') }, ...items];
  }, [list.data, props.exclude, current, t]);
  return (
    <Select
      label={props.label}
      description={props.description}
      error={props.error}
      required={props.required}
      searchable
      allowDeselect={false}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={data}
      value={current || ''}
      onChange={(v) => props.onChange(v ?? '')}
    />
  );
}

/** The data steward: an employee of the owner agency. */
function EmployeeField(props: PickerProps & { agencyId: string }) {
  const { t } = useTranslation('catalog');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const list = useQuery({
    queryKey: ['org', 'employees', 'picker', props.agencyId, q],
    queryFn: ({ signal }) =>
      http.get<Page<Employee>>(
        '/api/org/employees',
        { agencyId: props.agencyId || undefined, q, limit: 50 },
        signal,
      ),
  });
  const current = props.value as string;
  const data = useMemo(() => {
    const items = (list.data?.items ?? []).map((e) => ({
      value: e.id,
      label: `${e.name} (${e.nip})`,
    }));
    if (current && !items.some((i) => i.value === current)) {
      items.unshift({ value: current, label: t('form.currentSelection') });
    }
    return [{ value: '', label: t('common.none') }, ...items];
  }, [list.data, current, t]);
  return (
    <Select
      label={props.label}
      description={props.description}
      error={props.error}
      required={props.required}
      searchable
      allowDeselect={false}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={data}
      value={current || ''}
      onChange={(v) => props.onChange(v ?? '')}
    />
  );
}

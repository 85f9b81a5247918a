/** Building blocks shared by the registry pages. */
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useQuery } from '@tanstack/react-query';
import { Anchor, Autocomplete, Badge, Group, Text } from '@mantine/core';
import { hasPermission, type Me } from '../../auth';
import { http } from '../../http';
import { useAllAgencies, useDebounced } from '../org/common';
import { REF_PREFIX, SEGMENTS, type CodeItem, type RecordKind, type ReviewState } from './types';

/** Label of one choice of an enum field, e.g. `enums.hosting.regional_dc`. */
export function enumLabel(t: TFunction<'catalog'>, enumKey: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return t(`enums.${enumKey}.${String(value)}`, { defaultValue: String(value) });
}

const REVIEW_COLORS: Record<ReviewState, string> = {
  approved: '#1e5631',
  pending: '#7a4f01',
  rejected: 'red.9',
};

/** The review state as a badge (pending: waiting for the ICT office). */
export function ReviewBadge({ state }: { state: ReviewState }) {
  const { t } = useTranslation('catalog');
  return (
    <Badge
      color={REVIEW_COLORS[state] ?? 'gray.8'}
      variant={state === 'approved' ? 'filled' : 'outline'}
      radius="sm"
      styles={{
        root: {
          flexShrink: 0,
          overflow: 'visible',
          ...(state === 'pending' ? { color: '#7a4f01' } : {}),
        },
        label: { overflow: 'visible' },
      }}
    >
      {enumLabel(t, 'reviewState', state)}
    </Badge>
  );
}

/** Console path of a record. */
export function recordPath(kind: RecordKind, id: string): string {
  return `/console/catalog/${SEGMENTS[kind]}/${id}`;
}

export function RecordLink({ kind, id, name }: { kind: RecordKind; id: string; name: string }) {
  return (
    <Anchor component={Link} to={recordPath(kind, id)} c="simpul.8" underline="always">
      {name}
    </Anchor>
  );
}

/** Id → short name of every agency. */
export function useAgencyNames() {
  const agencies = useAllAgencies();
  return useMemo(() => {
    const map = new Map<string, string>();
    for (const a of agencies.data ?? []) map.set(a.id, a.shortName || a.name);
    return (id: string | null | undefined) => (id ? (map.get(id) ?? '—') : '—');
  }, [agencies.data]);
}

/** ISO country code → its name in the UI language. */
export function useCountryName() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'id';
  return useMemo(() => {
    const names = new Intl.DisplayNames([language], { type: 'region' });
    return (code: string) => {
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    };
  }, [language]);
}

/** ICT office: writes directly and decides proposals. */
export function isIct(me: Me): boolean {
  return hasPermission(me, 'catalog:record:approve');
}

/** Agencies the user may register records for; null: every agency. */
export function writableAgencies(me: Me): string[] | null {
  if (isIct(me)) return null;
  return me.roles
    .filter((r) => r.agencyId && (r.role === 'agency_admin' || r.role === 'agency_operator'))
    .map((r) => r.agencyId as string);
}

export function canWriteAgency(me: Me, agencyId: string): boolean {
  if (!hasPermission(me, 'catalog:record:write')) return false;
  const allowed = writableAgencies(me);
  return allowed === null || allowed.includes(agencyId);
}

function asList<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items)) {
    return (body as { items: T[] }).items;
  }
  return [];
}

/**
 * The reference code of a record: suggestions from the current code set of the kind's prefix
 * (GET /api/catalog/codes), and free text for a local, deeper code.
 */
export function CodePicker({
  kind,
  value,
  onChange,
  error,
  label,
  description,
}: {
  kind: RecordKind;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  label: string;
  description?: string;
}) {
  const prefix = REF_PREFIX[kind];
  const [typed, setTyped] = useState(value);
  const q = useDebounced(typed.trim(), 250);
  const codes = useQuery({
    queryKey: ['catalog', 'codes', prefix, q],
    queryFn: async ({ signal }) =>
      asList<CodeItem>(
        await http.get<unknown>('/api/catalog/codes', { prefix, q: q || undefined }, signal),
      ),
    staleTime: 60_000,
  });
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const c of codes.data ?? []) map.set(c.code, c.name);
    return map;
  }, [codes.data]);
  const data = useMemo(
    () => [...new Set((codes.data ?? []).map((c) => c.code))].slice(0, 50),
    [codes.data],
  );
  return (
    <Autocomplete
      label={label}
      description={description}
      placeholder={`${prefix}.01`}
      value={value}
      onChange={(v) => {
        setTyped(v);
        onChange(v);
      }}
      data={data}
      filter={({ options }) => options}
      limit={50}
      maxDropdownHeight={280}
      error={error}
      renderOption={({ option }) => (
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" ff="monospace">
            {option.value}
          </Text>
          <Text size="sm" c="gray.7">
            {names.get(option.value) ?? ''}
          </Text>
        </Group>
      )}
      autoComplete="off"
    />
  );
}

export function asItems<T>(body: unknown): T[] {
  return asList<T>(body);
}

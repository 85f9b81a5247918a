/** Building blocks shared by the data pages (organisation, users, SSO clients). */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import {
  Badge,
  Box,
  Button,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { ApiError, http } from '../../http';
import { describeError } from '../../errors';
import type { Agency, Page } from './types';

/** A table that scrolls sideways on narrow screens; the scroll region is focusable and named. */
export function DataTable({
  caption,
  children,
  minWidth = 640,
}: {
  caption: string;
  children: ReactNode;
  minWidth?: number;
}) {
  const id = useId();
  return (
    <Box
      role="region"
      aria-labelledby={id}
      tabIndex={0}
      // position: relative keeps absolutely placed descendants (the hidden caption) inside the
      // scroll box, so they cannot widen the page on a phone.
      style={{ overflowX: 'auto', position: 'relative', borderRadius: 'var(--mantine-radius-md)' }}
      className="simpul-data-table"
    >
      <Table
        miw={minWidth}
        striped
        highlightOnHover
        withTableBorder
        verticalSpacing="sm"
        captionSide="top"
      >
        <caption id={id}>
          <VisuallyHidden>{caption}</VisuallyHidden>
        </caption>
        {children}
      </Table>
    </Box>
  );
}

/** Previous/next paging with a "1–50 of 120" summary (total may be unknown). */
export function Pager({
  offset,
  limit,
  count,
  total,
  onChange,
}: {
  offset: number;
  limit: number;
  count: number;
  total?: number;
  onChange: (offset: number) => void;
}) {
  const { t } = useTranslation('data');
  const hasNext = total !== undefined ? offset + count < total : count === limit;
  if (offset === 0 && !hasNext) return null;
  return (
    <Group justify="space-between" mt="sm" wrap="wrap">
      <Text size="sm" c="gray.7" aria-live="polite">
        {total !== undefined
          ? t('common.range', { from: count ? offset + 1 : 0, to: offset + count, total })
          : t('common.rangeOpen', { from: count ? offset + 1 : 0, to: offset + count })}
      </Text>
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          disabled={offset === 0}
          onClick={() => onChange(Math.max(0, offset - limit))}
        >
          {t('common.previous')}
        </Button>
        <Button
          variant="default"
          size="xs"
          disabled={!hasNext}
          onClick={() => onChange(offset + limit)}
        >
          {t('common.next')}
        </Button>
      </Group>
    </Group>
  );
}

/** A sentence for an error, in the UI language (codes without a translation use the server's text). */
export function useErrorText() {
  const { t } = useTranslation('console');
  return (error: unknown) => describeError(t, error);
}

/**
 * Field-level problems from a failed save: schema validation (`body/email` → `email`) and
 * domain codes that name one field (`org.nip_invalid` → `nip`). The rest stays a form error.
 */
export function fieldErrors(
  error: unknown,
  codeFields: Record<string, string> = {},
): { fields: Record<string, string>; rest: boolean } {
  const fields: Record<string, string> = {};
  if (!(error instanceof ApiError)) return { fields, rest: error != null };
  const message = error.serverMessage ?? error.message;
  if (error.code && codeFields[error.code]) {
    fields[codeFields[error.code]!] = message;
    return { fields, rest: false };
  }
  if (Array.isArray(error.details)) {
    for (const d of error.details as Array<{ field?: unknown; problem?: unknown }>) {
      if (typeof d?.field !== 'string') continue;
      const name = d.field.replace(/^(body|querystring|params)\/?/, '').split('/')[0] || '';
      if (name && !fields[name])
        fields[name] =
          error.code === 'platform.validation_failed' ? String(d.problem ?? message) : message;
    }
  }
  return { fields, rest: Object.keys(fields).length === 0 };
}

/** Every agency (for pickers and names in tables); the API pages at 200. */
export function useAllAgencies() {
  return useQuery({
    queryKey: ['org', 'agencies', 'all'],
    queryFn: async ({ signal }) => {
      const all: Agency[] = [];
      for (let offset = 0; ; offset += 200) {
        const page = await http.get<Page<Agency>>(
          '/api/org/agencies',
          { limit: 200, offset },
          signal,
        );
        all.push(...page.items);
        if (all.length >= page.total || page.items.length === 0) break;
      }
      return all;
    },
    staleTime: 30_000,
  });
}

/** `{ value, label }` options of the agencies, for Select. */
export function agencyOptions(agencies: Agency[] | undefined) {
  return (agencies ?? []).map((a) => ({ value: a.id, label: `${a.shortName} — ${a.name}` }));
}

export function StatusBadge({ active, label }: { active: boolean; label: string }) {
  return (
    // Darker than the palette's green.9: 11 px white badge text needs a 4.5:1 contrast.
    <Badge
      color={active ? '#1e5631' : 'gray.8'}
      variant={active ? 'filled' : 'outline'}
      radius="sm"
    >
      {label}
    </Badge>
  );
}

/** A yes/no question before something that cannot be undone easily. */
export function ConfirmModal({
  opened,
  title,
  body,
  confirmLabel,
  danger,
  loading,
  error,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  loading?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('data');
  const errorText = useErrorText();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={title}
      centered
    >
      <Stack gap="md">
        <Text size="sm">{body}</Text>
        {error ? (
          <Text c="red.9" size="sm" role="alert">
            {errorText(error)}
          </Text>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={danger ? 'red.9' : undefined} loading={loading} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A value that follows `value` after `ms` of quiet (for search boxes). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setCurrent(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return current;
}

/** Lines of a textarea as a list (blank lines dropped). */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

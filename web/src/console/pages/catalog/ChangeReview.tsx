/** A proposed change: its diff, and approve / reject (with a comment) / withdraw. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { ErrorAlert } from '../../components/states';
import { http } from '../../http';
import { DataTable } from '../org/common';
import { enumLabel, useAgencyNames, useCountryName } from './common';
import { fieldDef } from './fields';
import type { CatalogRecord, ChangeRequest, RecordKind } from './types';

const HIDDEN = new Set(['id', 'version', 'reviewState', 'createdAt', 'updatedAt', 'createdBy']);

export function formatValue(
  t: TFunction<'catalog'>,
  kind: RecordKind,
  field: string,
  value: unknown,
  agencyName: (id: string) => string,
  countryName?: (code: string) => string,
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'agencyId' || field === 'managingAgencyId') return agencyName(String(value));
  if ((field === 'hostingCountry' || field === 'country') && countryName) {
    return `${countryName(String(value))} (${String(value)})`;
  }
  const def = fieldDef(kind, field);
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value.map((v) => (def?.enumKey ? enumLabel(t, def.enumKey, v) : String(v))).join(', ');
  }
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (def?.enumKey) return enumLabel(t, def.enumKey, value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function ChangeDiff({
  change,
  record,
}: {
  change: ChangeRequest;
  record?: CatalogRecord | undefined;
}) {
  const { t } = useTranslation('catalog');
  const agencyName = useAgencyNames();
  const countryName = useCountryName();
  const empty = (v: unknown) =>
    v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  // A registration lists what was filled in; a change lists every changed field, even emptied.
  const entries = Object.entries(change.changes ?? {}).filter(
    ([k, v]) => !HIDDEN.has(k) && !k.endsWith('SetId') && !(change.action === 'create' && empty(v)),
  );
  if (change.action === 'delete') {
    return <Text size="sm">{t('changes.deleteProposal')}</Text>;
  }
  if (entries.length === 0) return <Text size="sm">{t('changes.noFields')}</Text>;
  const showCurrent = change.action === 'update' && record !== undefined;
  return (
    <DataTable
      caption={t('changes.diffCaption', { name: change.recordName ?? record?.name ?? '' })}
      minWidth={480}
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('changes.field')}</Table.Th>
          {showCurrent ? <Table.Th scope="col">{t('changes.current')}</Table.Th> : null}
          <Table.Th scope="col">{t('changes.proposed')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map(([field, value]) => (
          <Table.Tr key={field}>
            <Table.Th scope="row" fw={500}>
              {t(`fields.${field}`, { defaultValue: field })}
            </Table.Th>
            {showCurrent ? (
              <Table.Td>
                {formatValue(t, change.recordKind, field, record?.[field], agencyName, countryName)}
              </Table.Td>
            ) : null}
            <Table.Td>
              <Text span size="sm" fw={showCurrent ? 600 : undefined}>
                {formatValue(t, change.recordKind, field, value, agencyName, countryName)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}

/** Approve and reject buttons (ICT office), or withdraw (the submitter). */
export function ChangeActions({
  change,
  canDecide,
  canWithdraw,
  onDone,
}: {
  change: ChangeRequest;
  canDecide: boolean;
  canWithdraw: boolean;
  onDone?: (outcome: 'approved' | 'rejected' | 'withdrawn') => void;
}) {
  const { t } = useTranslation('catalog');
  const client = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const name = change.recordName ?? '';
  const after = async (outcome: 'approved' | 'rejected' | 'withdrawn') => {
    await client.invalidateQueries({ queryKey: ['catalog'] });
    await client.invalidateQueries({ queryKey: ['compliance'] });
    onDone?.(outcome);
  };
  const approve = useMutation({
    mutationFn: () =>
      http.post(`/api/catalog/changes/${change.id}/approve`, { baseVersion: change.baseVersion }),
    onSuccess: () => after('approved'),
  });
  const withdraw = useMutation({
    mutationFn: () => http.post(`/api/catalog/changes/${change.id}/withdraw`, {}),
    onSuccess: () => after('withdrawn'),
  });
  if (!canDecide && !canWithdraw) return null;
  return (
    <Stack gap="xs">
      {approve.isError ? <ErrorAlert error={approve.error} /> : null}
      {withdraw.isError ? <ErrorAlert error={withdraw.error} /> : null}
      {change.stale && canDecide ? (
        <Text size="sm" c="red.9">
          {t('changes.stale')}
        </Text>
      ) : null}
      <Group gap="sm">
        {canDecide ? (
          <>
            <Button
              onClick={() => approve.mutate()}
              loading={approve.isPending}
              disabled={Boolean(change.stale)}
              aria-label={t('changes.approveNamed', { name })}
            >
              {t('changes.approve')}
            </Button>
            <Button
              variant="outline"
              color="red.9"
              onClick={() => setRejecting(true)}
              aria-label={t('changes.rejectNamed', { name })}
            >
              {t('changes.reject')}
            </Button>
          </>
        ) : null}
        {canWithdraw ? (
          <Button variant="default" onClick={() => withdraw.mutate()} loading={withdraw.isPending}>
            {t('changes.withdraw')}
          </Button>
        ) : null}
      </Group>
      {rejecting ? (
        <RejectModal
          change={change}
          onClose={() => setRejecting(false)}
          onDone={() => after('rejected')}
        />
      ) : null}
    </Stack>
  );
}

function RejectModal({
  change,
  onClose,
  onDone,
}: {
  change: ChangeRequest;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation('catalog');
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const reject = useMutation({
    mutationFn: () =>
      http.post(`/api/catalog/changes/${change.id}/reject`, { comment: comment.trim() }),
    onSuccess: async () => {
      onClose();
      await onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const empty = comment.trim() === '';
    setMissing(empty);
    if (!empty) reject.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('changes.rejectTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{t('changes.rejectBody', { name: change.recordName ?? '' })}</Text>
          {reject.isError ? <ErrorAlert error={reject.error} /> : null}
          <Textarea
            label={t('changes.comment')}
            description={t('changes.commentHint')}
            required
            autosize
            minRows={3}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            error={missing ? t('form.required') : undefined}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={reject.isPending}>
              {t('changes.reject')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

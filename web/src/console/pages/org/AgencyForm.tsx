import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Group, Modal, Select, Stack, Switch, TextInput } from '@mantine/core';
import { ErrorAlert } from '../../components/states';
import { http } from '../../http';
import { fieldErrors } from './common';
import { AGENCY_KINDS, type Agency, type AgencyKind } from './types';

interface Draft {
  code: string;
  name: string;
  shortName: string;
  kind: AgencyKind;
  isIctOffice: boolean;
  isPlanningAgency: boolean;
  regionCode: string;
  address: string;
  website: string;
  active: boolean;
}

function draftOf(a?: Agency): Draft {
  return {
    code: a?.code ?? '',
    name: a?.name ?? '',
    shortName: a?.shortName ?? '',
    kind: a?.kind ?? 'dinas',
    isIctOffice: a?.isIctOffice ?? false,
    isPlanningAgency: a?.isPlanningAgency ?? false,
    regionCode: a?.regionCode ?? '',
    address: a?.address ?? '',
    website: a?.website ?? '',
    active: a?.active ?? true,
  };
}

/** Create (no `agency`) or change an agency, in a modal. */
export function AgencyFormModal({
  opened,
  agency,
  onClose,
  onSaved,
}: {
  opened: boolean;
  agency?: Agency;
  onClose: () => void;
  onSaved?: (a: Agency) => void;
}) {
  const { t } = useTranslation('data');
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(agency));
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const save = useMutation({
    mutationFn: () => {
      const body = {
        code: draft.code.trim(),
        name: draft.name.trim(),
        shortName: draft.shortName.trim(),
        kind: draft.kind,
        isIctOffice: draft.isIctOffice,
        isPlanningAgency: draft.isPlanningAgency,
        regionCode: draft.regionCode.trim() || null,
        address: draft.address.trim() || null,
        website: draft.website.trim() || null,
        ...(agency ? { active: draft.active } : {}),
      };
      return agency
        ? http.patch<Agency>(`/api/org/agencies/${agency.id}`, body)
        : http.post<Agency>('/api/org/agencies', body);
    },
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: ['org', 'agencies'] });
      onSaved?.(saved);
      onClose();
    },
  });
  const errs = fieldErrors(save.error, { 'org.agency_code_taken': 'code' });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need = {
      code: draft.code.trim() === '',
      name: draft.name.trim() === '',
      shortName: draft.shortName.trim() === '',
    };
    setMissing(need);
    if (Object.values(need).some(Boolean)) return;
    save.mutate();
  };
  const err = (field: keyof Draft) =>
    missing[field] ? t('common.required') : (errs.fields[field] ?? undefined);

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={agency ? t('agencies.editTitle') : t('agencies.createTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {save.isError && errs.rest ? <ErrorAlert error={save.error} /> : null}
          <TextInput
            label={t('agencies.code')}
            description={t('agencies.codeHint')}
            required
            value={draft.code}
            onChange={(e) => set('code', e.currentTarget.value)}
            error={err('code')}
            maxLength={32}
          />
          <TextInput
            label={t('agencies.name')}
            required
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={err('name')}
            maxLength={200}
          />
          <TextInput
            label={t('agencies.shortName')}
            required
            value={draft.shortName}
            onChange={(e) => set('shortName', e.currentTarget.value)}
            error={err('shortName')}
            maxLength={60}
          />
          <Select
            label={t('agencies.kind')}
            required
            allowDeselect={false}
            data={AGENCY_KINDS.map((k) => ({ value: k, label: t(`agencyKinds.${k}`) }))}
            value={draft.kind}
            onChange={(v) => v && set('kind', v as AgencyKind)}
            error={err('kind')}
          />
          <TextInput
            label={t('agencies.regionCode')}
            description={t('agencies.regionCodeHint')}
            value={draft.regionCode}
            onChange={(e) => set('regionCode', e.currentTarget.value)}
            error={err('regionCode')}
          />
          <TextInput
            label={t('agencies.address')}
            value={draft.address}
            onChange={(e) => set('address', e.currentTarget.value)}
            error={err('address')}
          />
          <TextInput
            label={t('agencies.website')}
            type="url"
            placeholder="https://"
            value={draft.website}
            onChange={(e) => set('website', e.currentTarget.value)}
            error={err('website')}
          />
          <Checkbox
            label={t('agencies.isIctOffice')}
            checked={draft.isIctOffice}
            onChange={(e) => set('isIctOffice', e.currentTarget.checked)}
          />
          <Checkbox
            label={t('agencies.isPlanningAgency')}
            checked={draft.isPlanningAgency}
            onChange={(e) => set('isPlanningAgency', e.currentTarget.checked)}
          />
          {agency ? (
            <Switch
              label={t('agencies.active')}
              checked={draft.active}
              onChange={(e) => set('active', e.currentTarget.checked)}
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

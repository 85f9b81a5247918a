import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/states';
import { http } from '../../http';
import { fieldErrors, lines } from '../org/common';
import {
  CLIENT_KINDS,
  CLIENT_SCOPES,
  ID_TOKEN_ALGS,
  type Client,
  type ClientKind,
  type ClientWithSecret,
  type IdTokenAlg,
} from './types';

interface Draft {
  name: string;
  description: string;
  kind: ClientKind;
  applicationId: string;
  redirectUris: string;
  postLogoutRedirectUris: string;
  backchannelLogoutUri: string;
  scopes: string[];
  trusted: boolean;
  idTokenAlg: IdTokenAlg;
}

function draftOf(c?: Client): Draft {
  return {
    name: c?.name ?? '',
    description: c?.description ?? '',
    kind: c?.kind ?? 'confidential',
    applicationId: c?.applicationId ?? '',
    redirectUris: (c?.redirectUris ?? []).join('\n'),
    postLogoutRedirectUris: (c?.postLogoutRedirectUris ?? []).join('\n'),
    backchannelLogoutUri: c?.backchannelLogoutUri ?? '',
    scopes: c?.scopes ?? ['openid', 'profile', 'email'],
    trusted: c?.trusted ?? false,
    idTokenAlg: c?.idTokenAlg ?? 'ES256',
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Register a new SSO client (then the secret is shown once) or change one. */
export function ClientFormModal({
  client: existing,
  onClose,
  onCreated,
}: {
  client?: Client;
  onClose: () => void;
  onCreated?: (result: ClientWithSecret) => void;
}) {
  const { t } = useTranslation('data');
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(existing));
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const service = draft.kind === 'service';

  const save = useMutation({
    mutationFn: async () => {
      const body = {
        name: draft.name.trim(),
        description: draft.description.trim() || null,
        applicationId: draft.applicationId.trim() || null,
        redirectUris: service ? [] : lines(draft.redirectUris),
        postLogoutRedirectUris: service ? [] : lines(draft.postLogoutRedirectUris),
        backchannelLogoutUri: draft.backchannelLogoutUri.trim() || null,
        scopes: draft.scopes,
        trusted: draft.kind === 'public' ? false : draft.trusted,
        idTokenAlg: draft.idTokenAlg,
      };
      if (existing) {
        const client = await http.patch<Client>(`/api/identity/clients/${existing.id}`, body);
        return { client, secret: null } satisfies ClientWithSecret;
      }
      return http.post<ClientWithSecret>('/api/identity/clients', { ...body, kind: draft.kind });
    },
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: ['identity', 'clients'] });
      onCreated?.(result);
      onClose();
    },
  });
  const errs = fieldErrors(save.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (draft.name.trim() === '') problems.name = t('common.required');
    if (draft.applicationId.trim() && !UUID.test(draft.applicationId.trim()))
      problems.applicationId = t('clients.applicationIdInvalid');
    if (!service && lines(draft.redirectUris).length === 0)
      problems.redirectUris = t('clients.redirectRequired');
    if (!service && !draft.scopes.includes('openid')) problems.scopes = t('clients.openidRequired');
    setLocal(problems);
    if (Object.keys(problems).length === 0) save.mutate();
  };
  const err = (field: keyof Draft) => local[field] ?? errs.fields[field];

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      size="lg"
      title={existing ? t('clients.editTitle') : t('clients.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {save.isError && errs.rest ? <ErrorAlert error={save.error} /> : null}
          <TextInput
            label={t('clients.name')}
            required
            maxLength={200}
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={err('name')}
          />
          <Textarea
            label={t('clients.descriptionLabel')}
            autosize
            minRows={2}
            value={draft.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={err('description')}
          />
          <Select
            label={t('clients.kind')}
            description={t(`clients.kindHint.${draft.kind}`)}
            allowDeselect={false}
            disabled={Boolean(existing)}
            data={CLIENT_KINDS.map((k) => ({ value: k, label: t(`clients.kinds.${k}`) }))}
            value={draft.kind}
            onChange={(v) => v && set('kind', v as ClientKind)}
          />
          {!service ? (
            <>
              <Textarea
                label={t('clients.redirectUris')}
                description={t('clients.onePerLine')}
                required
                autosize
                minRows={2}
                value={draft.redirectUris}
                onChange={(e) => set('redirectUris', e.currentTarget.value)}
                error={err('redirectUris')}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
              <Textarea
                label={t('clients.postLogoutRedirectUris')}
                description={t('clients.onePerLine')}
                autosize
                minRows={2}
                value={draft.postLogoutRedirectUris}
                onChange={(e) => set('postLogoutRedirectUris', e.currentTarget.value)}
                error={err('postLogoutRedirectUris')}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
            </>
          ) : null}
          <TextInput
            label={t('clients.backchannelLogoutUri')}
            description={t('clients.backchannelHint')}
            type="url"
            value={draft.backchannelLogoutUri}
            onChange={(e) => set('backchannelLogoutUri', e.currentTarget.value)}
            error={err('backchannelLogoutUri')}
          />
          <Checkbox.Group
            label={t('clients.scopes')}
            value={draft.scopes}
            onChange={(v) => set('scopes', v)}
            error={err('scopes')}
          >
            <Group gap="md" mt={4}>
              {CLIENT_SCOPES.map((s) => (
                <Checkbox key={s} value={s} label={s} />
              ))}
            </Group>
          </Checkbox.Group>
          <Switch
            label={t('clients.trusted')}
            description={t('clients.trustedHint')}
            disabled={draft.kind === 'public'}
            checked={draft.kind !== 'public' && draft.trusted}
            onChange={(e) => set('trusted', e.currentTarget.checked)}
            error={err('trusted')}
          />
          <Select
            label={t('clients.idTokenAlg')}
            allowDeselect={false}
            data={ID_TOKEN_ALGS.map((a) => ({ value: a, label: a }))}
            value={draft.idTokenAlg}
            onChange={(v) => v && set('idTokenAlg', v as IdTokenAlg)}
          />
          <TextInput
            label={t('clients.applicationId')}
            description={t('clients.applicationIdHint')}
            value={draft.applicationId}
            onChange={(e) => set('applicationId', e.currentTarget.value)}
            error={err('applicationId')}
          />
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {existing ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

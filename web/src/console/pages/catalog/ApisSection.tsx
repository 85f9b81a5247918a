/** The APIs an application offers, with their OpenAPI documents. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from 'i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Anchor,
  Button,
  FileInput,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { toLanguage } from '../../../i18n';
import { EmptyState, ErrorAlert, PageLoader } from '../../components/states';
import { ApiError, CSRF_COOKIE, CSRF_HEADER, http, readCookie } from '../../http';
import { ConfirmModal, DataTable, fieldErrors } from '../org/common';
import { asItems } from './common';
import type { ApiItem } from './types';

async function putOpenapi(apiId: string, file: File): Promise<void> {
  const token =
    readCookie(CSRF_COOKIE) ??
    (await http.get<{ token?: string }>('/api/auth/csrf').catch(() => null))?.token ??
    '';
  const yaml = /\.ya?ml$/i.test(file.name);
  const res = await fetch(`/api/catalog/apis/${apiId}/openapi`, {
    method: 'PUT',
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      'Accept-Language': toLanguage(i18n.resolvedLanguage),
      'Content-Type': yaml ? 'application/yaml' : 'application/json',
      [CSRF_HEADER]: readCookie(CSRF_COOKIE) ?? token,
    },
    body: await file.text(),
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string; details?: unknown };
    } | null;
    throw new ApiError(`PUT openapi failed with HTTP ${res.status}`, {
      status: res.status,
      code: body?.error?.code ?? null,
      details: body?.error?.details,
      serverMessage: body?.error?.message ?? null,
    });
  }
}

export function ApisSection({
  applicationId,
  canWrite,
}: {
  applicationId: string;
  canWrite: boolean;
}) {
  const { t } = useTranslation('catalog');
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [uploading, setUploading] = useState<ApiItem | null>(null);
  const [removing, setRemoving] = useState<ApiItem | null>(null);
  const apis = useQuery({
    queryKey: ['catalog', 'apis', applicationId],
    queryFn: async ({ signal }) =>
      asItems<ApiItem>(
        await http.get<unknown>(
          `/api/catalog/applications/${applicationId}/apis`,
          undefined,
          signal,
        ),
      ),
  });
  const remove = useMutation({
    mutationFn: (id: string) => http.delete(`/api/catalog/apis/${id}`),
    onSuccess: async () => {
      setRemoving(null);
      await client.invalidateQueries({ queryKey: ['catalog'] });
    },
  });

  return (
    <section aria-labelledby="apis-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="apis-title">
          {t('apis.title')}
        </Title>
        {canWrite ? (
          <Button size="xs" variant="default" onClick={() => setAdding(true)}>
            {t('apis.add')}
          </Button>
        ) : null}
      </Group>
      {apis.isPending ? (
        <PageLoader rows={2} />
      ) : apis.isError ? (
        <ErrorAlert error={apis.error} onRetry={() => void apis.refetch()} />
      ) : apis.data.length === 0 ? (
        <EmptyState title={t('apis.empty')} />
      ) : (
        <DataTable caption={t('apis.title')} minWidth={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('apis.name')}</Table.Th>
              <Table.Th scope="col">{t('apis.version')}</Table.Th>
              <Table.Th scope="col">{t('apis.baseUrl')}</Table.Th>
              <Table.Th scope="col">{t('apis.openapi')}</Table.Th>
              {canWrite ? (
                <Table.Th scope="col">
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {apis.data.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  {a.name}
                  {a.description ? (
                    <Text size="xs" c="gray.7">
                      {a.description}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{a.version}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>{a.baseUrl ?? '—'}</Table.Td>
                <Table.Td>
                  {a.hasOpenapi || a.openapiSha256 ? (
                    <Anchor
                      href={`/api/catalog/apis/${a.id}/openapi`}
                      c="simpul.8"
                      underline="always"
                      size="sm"
                    >
                      {t('apis.document')}
                    </Anchor>
                  ) : a.openapiUrl ? (
                    <Anchor
                      href={a.openapiUrl}
                      target="_blank"
                      rel="noreferrer"
                      c="simpul.8"
                      underline="always"
                      size="sm"
                    >
                      {t('apis.document')}
                    </Anchor>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                {canWrite ? (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setUploading(a)}
                        aria-label={t('apis.uploadNamed', { name: a.name })}
                      >
                        {t('apis.upload')}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="#a51d1d"
                        onClick={() => setRemoving(a)}
                        aria-label={t('apis.removeNamed', { name: a.name })}
                      >
                        {t('apis.remove')}
                      </Button>
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
      {adding ? (
        <AddApiModal applicationId={applicationId} onClose={() => setAdding(false)} />
      ) : null}
      {uploading ? <OpenapiModal api={uploading} onClose={() => setUploading(null)} /> : null}
      <ConfirmModal
        opened={removing !== null}
        title={t('apis.removeTitle')}
        body={t('apis.removeBody', { name: removing?.name ?? '' })}
        confirmLabel={t('apis.remove')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing.id)}
        onClose={() => setRemoving(null)}
      />
    </section>
  );
}

function AddApiModal({ applicationId, onClose }: { applicationId: string; onClose: () => void }) {
  const { t } = useTranslation('catalog');
  const client = useQueryClient();
  const [draft, setDraft] = useState({
    name: '',
    version: 'v1',
    baseUrl: '',
    openapiUrl: '',
    description: '',
  });
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      http.post(`/api/catalog/applications/${applicationId}/apis`, {
        name: draft.name.trim(),
        version: draft.version.trim() || 'v1',
        baseUrl: draft.baseUrl.trim() || null,
        openapiUrl: draft.openapiUrl.trim() || null,
        description: draft.description.trim() || null,
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['catalog'] });
      onClose();
    },
  });
  const errs = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const empty = draft.name.trim() === '';
    setMissing(empty);
    if (!empty) save.mutate();
  };
  const field = (key: keyof typeof draft) => ({
    value: draft[key],
    onChange: (e: { currentTarget: HTMLInputElement }) =>
      setDraft((d) => ({ ...d, [key]: e.currentTarget.value })),
    error: errs.fields[key],
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('apis.addTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {save.isError && errs.rest ? <ErrorAlert error={save.error} /> : null}
          <TextInput
            label={t('apis.name')}
            required
            {...field('name')}
            error={missing ? t('form.required') : errs.fields.name}
          />
          <TextInput label={t('apis.version')} {...field('version')} />
          <TextInput
            label={t('apis.baseUrl')}
            type="url"
            placeholder="https://"
            {...field('baseUrl')}
          />
          <TextInput
            label={t('apis.openapiUrl')}
            type="url"
            placeholder="https://"
            {...field('openapiUrl')}
          />
          <TextInput label={t('fields.description')} {...field('description')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function OpenapiModal({ api, onClose }: { api: ApiItem; onClose: () => void }) {
  const { t } = useTranslation('catalog');
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const save = useMutation({
    mutationFn: () => putOpenapi(api.id, file as File),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['catalog'] });
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('apis.uploadTitle', { name: api.name })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setMissing(!file);
          if (file) save.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <FileInput
            label={t('apis.openapiFile')}
            description={t('apis.openapiHint')}
            accept=".json,.yaml,.yml,application/json,application/yaml"
            required
            value={file}
            onChange={setFile}
            error={missing ? t('form.required') : undefined}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('apis.upload')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

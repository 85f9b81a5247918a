/** The deliverables checklist of an application: each document a stored file or a link. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Modal,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { hasPermission, useCurrentUser } from '../../auth';
import { ErrorAlert, PageLoader } from '../../components/states';
import { http } from '../../http';
import { useDates } from '../../tenant';
import { ConfirmModal, DataTable, fieldErrors } from '../org/common';
import { sendForm } from './upload';
import type { DocumentItem } from './types';

const MAX_BYTES = 50 * 1024 * 1024;

function size(bytes: number | null | undefined): string {
  if (!bytes) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function DocumentsSection({
  applicationId,
  canWrite,
}: {
  applicationId: string;
  canWrite: boolean;
}) {
  const { t } = useTranslation('catalog');
  const me = useCurrentUser();
  const dates = useDates();
  const client = useQueryClient();
  const canDownload = hasPermission(me, 'catalog:document:read');
  const [editing, setEditing] = useState<DocumentItem | null>(null);
  const [removing, setRemoving] = useState<DocumentItem | null>(null);
  const base = `/api/catalog/applications/${applicationId}/documents`;
  const docs = useQuery({
    queryKey: ['catalog', 'documents', applicationId],
    queryFn: ({ signal }) => http.get<{ items: DocumentItem[] }>(base, undefined, signal),
  });
  const remove = useMutation({
    mutationFn: (kind: string) => http.delete(`${base}/${kind}`),
    onSuccess: async () => {
      setRemoving(null);
      await client.invalidateQueries({ queryKey: ['catalog'] });
      await client.invalidateQueries({ queryKey: ['compliance'] });
    },
  });

  const groups = (['deliverable', 'justification'] as const).map((category) => ({
    category,
    items: (docs.data?.items ?? []).filter((d) => d.category === category),
  }));

  return (
    <section aria-labelledby="documents-title">
      <Title order={2} size="h3" id="documents-title" mb="xs">
        {t('documents.title')}
      </Title>
      <Text size="sm" c="gray.7" mb="sm">
        {t('documents.description')}
      </Text>
      {docs.isPending ? (
        <PageLoader rows={3} />
      ) : docs.isError ? (
        <ErrorAlert error={docs.error} onRetry={() => void docs.refetch()} />
      ) : (
        <Stack gap="md">
          {groups.map(({ category, items }) => (
            <div key={category}>
              <Group gap="xs" mb={6}>
                <Title order={3} size="h5">
                  {t(`documents.${category}s`)}
                </Title>
                <Text size="sm" c="gray.7" data-testid={`documents-${category}-count`}>
                  {t('documents.count', {
                    present: items.filter((d) => d.present).length,
                    total: items.length,
                  })}
                </Text>
              </Group>
              <DataTable caption={t(`documents.${category}s`)} minWidth={680}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('documents.kind')}</Table.Th>
                    <Table.Th scope="col">{t('documents.state')}</Table.Th>
                    <Table.Th scope="col">{t('documents.document')}</Table.Th>
                    <Table.Th scope="col">{t('documents.delivered')}</Table.Th>
                    {canWrite ? (
                      <Table.Th scope="col">
                        <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                      </Table.Th>
                    ) : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((d) => {
                    const label = t(`documentKinds.${d.kind}`, { defaultValue: d.kind });
                    return (
                      <Table.Tr key={d.kind} data-testid={`document-${d.kind}`}>
                        <Table.Th scope="row" fw={500}>
                          {label}
                        </Table.Th>
                        <Table.Td>
                          {d.present ? (
                            <Badge color="#1e5631" radius="sm">
                              {t('documents.present')}
                            </Badge>
                          ) : (
                            <Badge color="gray.8" variant="outline" radius="sm">
                              {t('documents.missing')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>
                          {d.present && d.url ? (
                            <Anchor
                              href={d.url}
                              target="_blank"
                              rel="noreferrer"
                              c="simpul.8"
                              underline="always"
                              size="sm"
                            >
                              {d.url}
                            </Anchor>
                          ) : d.present && d.fileName ? (
                            canDownload ? (
                              <Anchor
                                href={`${base}/${d.kind}/file`}
                                c="simpul.8"
                                underline="always"
                                size="sm"
                                download
                              >
                                {d.fileName}
                              </Anchor>
                            ) : (
                              <Text size="sm">{d.fileName}</Text>
                            )
                          ) : (
                            '—'
                          )}
                          {d.present && d.size ? (
                            <Text span size="xs" c="gray.7">
                              {' '}
                              ({size(d.size)})
                            </Text>
                          ) : null}
                          {d.note ? (
                            <Text size="xs" c="gray.7">
                              {d.note}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>
                          {d.present ? (
                            <Text size="sm">
                              {d.deliveredByName ?? '—'}
                              <br />
                              <Text span size="xs" c="gray.7">
                                {dates.dateTime(d.deliveredAt)}
                              </Text>
                            </Text>
                          ) : (
                            '—'
                          )}
                        </Table.Td>
                        {canWrite ? (
                          <Table.Td>
                            <Group gap="xs" wrap="nowrap">
                              <Button
                                size="xs"
                                variant={d.present ? 'default' : 'filled'}
                                onClick={() => setEditing(d)}
                                aria-label={t(
                                  d.present ? 'documents.replaceNamed' : 'documents.deliverNamed',
                                  {
                                    name: label,
                                  },
                                )}
                              >
                                {d.present ? t('documents.replace') : t('documents.deliver')}
                              </Button>
                              {d.present ? (
                                <Button
                                  size="xs"
                                  variant="subtle"
                                  color="#a51d1d"
                                  onClick={() => setRemoving(d)}
                                  aria-label={t('documents.removeNamed', { name: label })}
                                >
                                  {t('documents.remove')}
                                </Button>
                              ) : null}
                            </Group>
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </DataTable>
            </div>
          ))}
        </Stack>
      )}
      {editing ? (
        <DocumentModal base={base} doc={editing} onClose={() => setEditing(null)} />
      ) : null}
      <ConfirmModal
        opened={removing !== null}
        title={t('documents.removeTitle')}
        body={t('documents.removeBody', {
          name: removing
            ? t(`documentKinds.${removing.kind}`, { defaultValue: removing.kind })
            : '',
        })}
        confirmLabel={t('documents.remove')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing.kind)}
        onClose={() => setRemoving(null)}
      />
    </section>
  );
}

function DocumentModal({
  base,
  doc,
  onClose,
}: {
  base: string;
  doc: DocumentItem;
  onClose: () => void;
}) {
  const { t } = useTranslation('catalog');
  const client = useQueryClient();
  const [mode, setMode] = useState<'file' | 'url'>(doc.url ? 'url' : 'file');
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState(doc.url ?? '');
  const [note, setNote] = useState(doc.note ?? '');
  const [problem, setProblem] = useState<Record<string, string>>({});
  const label = t(`documentKinds.${doc.kind}`, { defaultValue: doc.kind });
  const save = useMutation({
    mutationFn: async () => {
      if (mode === 'url') {
        return http.put(`${base}/${doc.kind}`, {
          url: url.trim(),
          ...(note.trim() ? { note: note.trim() } : {}),
        });
      }
      const form = new FormData();
      if (note.trim()) form.append('note', note.trim());
      form.append('file', file as File, (file as File).name);
      return sendForm('PUT', `${base}/${doc.kind}`, form);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['catalog'] });
      await client.invalidateQueries({ queryKey: ['compliance'] });
      onClose();
    },
  });
  const errs = fieldErrors(save.error, { 'catalog.document_url_invalid': 'url' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (mode === 'file' && !file) next.file = t('form.required');
    if (mode === 'file' && file && file.size > MAX_BYTES) next.file = t('documents.tooLarge');
    if (mode === 'url' && !/^https?:\/\/\S+$/i.test(url.trim()))
      next.url = t('documents.urlInvalid');
    setProblem(next);
    if (Object.keys(next).length === 0) save.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('documents.modalTitle', { name: label })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {save.isError && errs.rest ? <ErrorAlert error={save.error} /> : null}
          <Radio.Group
            label={t('documents.how')}
            value={mode}
            onChange={(v) => setMode(v as 'file' | 'url')}
          >
            <Group gap="md" mt={4}>
              <Radio value="file" label={t('documents.asFile')} />
              <Radio value="url" label={t('documents.asLink')} />
            </Group>
          </Radio.Group>
          {mode === 'file' ? (
            <FileInput
              label={t('documents.file')}
              description={t('documents.fileHint')}
              required
              clearable
              value={file}
              onChange={setFile}
              error={problem.file ?? errs.fields.file}
            />
          ) : (
            <TextInput
              label={t('documents.url')}
              type="url"
              required
              placeholder="https://"
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={problem.url ?? errs.fields.url}
            />
          )}
          <TextInput
            label={t('documents.note')}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errs.fields.note}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('documents.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Anchor, Button, Code, List, Paper, SimpleGrid, Text } from '@mantine/core';
import { hasPermission, useCurrentUser } from '../../auth';
import { PageHeader, RecordPageState } from '../../components/states';
import { http } from '../../http';
import { useDates } from '../../tenant';
import { ConfirmModal, StatusBadge } from '../org/common';
import { ClientFormModal } from './ClientForm';
import { SecretModal } from './SecretModal';
import type { Client, ClientWithSecret } from './types';

/** One SSO client: its settings, editing, secret rotation, enabling and disabling. */
export function ClientDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('data');
  const me = useCurrentUser();
  const dates = useDates();
  const queryClient = useQueryClient();
  const canManage = hasPermission(me, 'identity:client:manage');
  const [dialog, setDialog] = useState<'edit' | 'rotate' | 'disable' | 'enable' | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const client = useQuery({
    queryKey: ['identity', 'clients', 'one', id],
    queryFn: ({ signal }) => http.get<Client>(`/api/identity/clients/${id}`, undefined, signal),
  });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: ['identity', 'clients'] });
  const rotate = useMutation({
    mutationFn: () => http.post<ClientWithSecret>(`/api/identity/clients/${id}/secret`),
    onSuccess: async (r) => {
      await invalidate();
      setDialog(null);
      setSecret(r.secret);
    },
  });
  const setStatus = useMutation({
    mutationFn: (status: Client['status']) =>
      http.post<Client>(`/api/identity/clients/${id}/status`, { status }),
    onSuccess: async () => {
      await invalidate();
      setDialog(null);
    },
  });

  if (client.isPending || client.isError) {
    return <RecordPageState title={t('clients.detailTitle')} query={client} />;
  }
  const c = client.data;
  const active = c.status === 'active';
  const uriList = (uris: string[]) =>
    uris.length === 0 ? (
      '—'
    ) : (
      <List size="sm" spacing={2}>
        {uris.map((u) => (
          <List.Item key={u}>
            <Code style={{ wordBreak: 'break-all' }}>{u}</Code>
          </List.Item>
        ))}
      </List>
    );
  const facts: Array<[string, ReactNode]> = [
    [t('clients.clientId'), <Code key="id">{c.clientId}</Code>],
    [
      t('common.status'),
      <StatusBadge key="s" active={active} label={t(`clients.statuses.${c.status}`)} />,
    ],
    [t('clients.kind'), t(`clients.kinds.${c.kind}`)],
    [t('clients.trusted'), c.trusted ? t('common.yes') : t('common.no')],
    [t('clients.idTokenAlg'), c.idTokenAlg],
    [t('clients.scopes'), c.scopes.join(', ') || '—'],
    [t('clients.redirectUris'), uriList(c.redirectUris)],
    [t('clients.postLogoutRedirectUris'), uriList(c.postLogoutRedirectUris)],
    [
      t('clients.backchannelLogoutUri'),
      c.backchannelLogoutUri ? <Code key="b">{c.backchannelLogoutUri}</Code> : '—',
    ],
    [t('clients.applicationId'), c.applicationId ?? '—'],
    [t('clients.secretRotatedAt'), dates.dateTime(c.secretRotatedAt)],
    [t('clients.createdAt'), dates.dateTime(c.createdAt)],
  ];

  return (
    <>
      <Anchor c="simpul.8" underline="always" component={Link} to="/console/clients" size="sm">
        ← {t('clients.backToList')}
      </Anchor>
      <PageHeader
        title={c.name}
        description={c.description ?? undefined}
        actions={
          canManage ? (
            <>
              <Button variant="default" onClick={() => setDialog('edit')}>
                {t('common.edit')}
              </Button>
              {c.kind !== 'public' ? (
                <Button variant="default" onClick={() => setDialog('rotate')}>
                  {t('clients.rotate')}
                </Button>
              ) : null}
              <Button
                color={active ? 'red.9' : undefined}
                variant={active ? 'outline' : 'filled'}
                onClick={() => setDialog(active ? 'disable' : 'enable')}
              >
                {active ? t('clients.disable') : t('clients.enable')}
              </Button>
            </>
          ) : null
        }
      />
      <Paper withBorder p="lg" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="dl" m={0}>
          {facts.map(([label, value]) => (
            <div key={label}>
              <Text component="dt" size="xs" c="gray.7">
                {label}
              </Text>
              <Text component="dd" m={0} size="sm">
                {value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      </Paper>

      {dialog === 'edit' ? <ClientFormModal client={c} onClose={() => setDialog(null)} /> : null}
      <ConfirmModal
        opened={dialog === 'rotate'}
        title={t('clients.rotateTitle')}
        body={t('clients.rotateBody', { name: c.name })}
        confirmLabel={t('clients.rotate')}
        danger
        loading={rotate.isPending}
        error={rotate.error}
        onConfirm={() => rotate.mutate()}
        onClose={() => {
          rotate.reset();
          setDialog(null);
        }}
      />
      <ConfirmModal
        opened={dialog === 'disable' || dialog === 'enable'}
        title={dialog === 'enable' ? t('clients.enableTitle') : t('clients.disableTitle')}
        body={
          dialog === 'enable' ? t('clients.enableBody') : t('clients.disableBody', { name: c.name })
        }
        confirmLabel={dialog === 'enable' ? t('clients.enable') : t('clients.disable')}
        danger={dialog !== 'enable'}
        loading={setStatus.isPending}
        error={setStatus.error}
        onConfirm={() => setStatus.mutate(dialog === 'enable' ? 'active' : 'disabled')}
        onClose={() => {
          setStatus.reset();
          setDialog(null);
        }}
      />
      {secret ? (
        <SecretModal clientId={c.clientId} secret={secret} onClose={() => setSecret(null)} />
      ) : null}
    </>
  );
}

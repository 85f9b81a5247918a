import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Anchor, Badge, Button, Code, Table } from '@mantine/core';
import { hasPermission, useCurrentUser } from '../../auth';
import { EmptyState, ErrorAlert, PageHeader, PageLoader } from '../../components/states';
import { http } from '../../http';
import { useDates } from '../../tenant';
import { DataTable, StatusBadge } from '../org/common';
import { ClientFormModal } from './ClientForm';
import { SecretModal } from './SecretModal';
import type { Client, ClientWithSecret } from './types';

export function useClients() {
  return useQuery({
    queryKey: ['identity', 'clients', 'list'],
    queryFn: ({ signal }) =>
      http.get<{ items: Client[] }>('/api/identity/clients', undefined, signal),
  });
}

/** Applications that sign their users in through Simpul (OpenID Connect clients). */
export function ClientsPage() {
  const { t } = useTranslation('data');
  const me = useCurrentUser();
  const dates = useDates();
  const navigate = useNavigate();
  const canManage = hasPermission(me, 'identity:client:manage');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ClientWithSecret | null>(null);
  const list = useClients();

  return (
    <>
      <PageHeader
        title={t('clients.title')}
        description={t('clients.description')}
        actions={
          canManage ? (
            <Button onClick={() => setCreating(true)}>{t('clients.create')}</Button>
          ) : null
        }
      />
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          title={t('clients.empty')}
          body={canManage ? t('clients.emptyHint') : undefined}
        />
      ) : (
        <DataTable caption={t('clients.title')} minWidth={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('clients.name')}</Table.Th>
              <Table.Th scope="col">{t('clients.clientId')}</Table.Th>
              <Table.Th scope="col">{t('clients.kind')}</Table.Th>
              <Table.Th scope="col">{t('common.status')}</Table.Th>
              <Table.Th scope="col">{t('clients.secretRotatedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor
                    c="simpul.8"
                    underline="always"
                    component={Link}
                    to={`/console/clients/${c.id}`}
                  >
                    {c.name}
                  </Anchor>
                  {c.trusted ? (
                    <Badge ml="xs" size="sm" variant="outline" radius="sm">
                      {t('clients.trustedBadge')}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Code>{c.clientId}</Code>
                </Table.Td>
                <Table.Td>{t(`clients.kinds.${c.kind}`)}</Table.Td>
                <Table.Td>
                  <StatusBadge
                    active={c.status === 'active'}
                    label={t(`clients.statuses.${c.status}`)}
                  />
                </Table.Td>
                <Table.Td>{dates.dateTime(c.secretRotatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
      {creating ? (
        <ClientFormModal onClose={() => setCreating(false)} onCreated={setCreated} />
      ) : null}
      {created?.secret ? (
        <SecretModal
          clientId={created.client.clientId}
          secret={created.secret}
          onClose={() => {
            const id = created.client.id;
            setCreated(null);
            void navigate(`/console/clients/${id}`);
          }}
        />
      ) : null}
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  TextInput,
} from '@mantine/core';
import { hasPermission, useCurrentUser } from '../../auth';
import { EmptyState, ErrorAlert, PageHeader, PageLoader } from '../../components/states';
import { http } from '../../http';
import { useDates } from '../../tenant';
import { DataTable, fieldErrors, Pager, StatusBadge, useDebounced } from '../org/common';
import type { Employee, Page } from '../org/types';
import { USER_KINDS, type User, type UserKind } from './types';

const LIMIT = 50;

/** User accounts: list and create; each opens its own page for status, password and roles. */
export function UsersPage() {
  const { t } = useTranslation('data');
  const me = useCurrentUser();
  const dates = useDates();
  const canWrite = hasPermission(me, 'identity:user:write');
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['identity', 'users', { offset }],
    queryFn: ({ signal }) =>
      http.get<User[]>('/api/identity/users', { limit: LIMIT, offset }, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          canWrite ? <Button onClick={() => setCreating(true)}>{t('users.create')}</Button> : null
        }
      />
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 && offset === 0 ? (
        <EmptyState title={t('users.empty')} />
      ) : (
        <>
          <DataTable caption={t('users.title')} minWidth={760}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.username')}</Table.Th>
                <Table.Th scope="col">{t('users.displayName')}</Table.Th>
                <Table.Th scope="col">{t('users.kind')}</Table.Th>
                <Table.Th scope="col">{t('common.status')}</Table.Th>
                <Table.Th scope="col">{t('users.roles')}</Table.Th>
                <Table.Th scope="col">{t('users.lastLogin')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <Anchor
                      c="simpul.8"
                      underline="always"
                      component={Link}
                      to={`/console/users/${u.id}`}
                    >
                      {u.username}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{u.displayName}</Table.Td>
                  <Table.Td>{t(`userKinds.${u.kind}`)}</Table.Td>
                  <Table.Td>
                    <StatusBadge
                      active={u.status === 'active'}
                      label={t(`userStatuses.${u.status}`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {u.roles.length === 0
                        ? '—'
                        : u.roles.map((r) => (
                            <Badge
                              key={`${r.role}-${r.agencyId ?? ''}`}
                              variant="outline"
                              color="simpul.8"
                              radius="sm"
                            >
                              {t(`roles.${r.role}`)}
                              {r.agencyId ? ` · ${t('users.scopedShort')}` : ''}
                            </Badge>
                          ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{dates.dateTime(u.lastLoginAt, t('users.never'))}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
          <Pager offset={offset} limit={LIMIT} count={list.data.length} onChange={setOffset} />
        </>
      )}
      {creating ? <CreateUserModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}

function CreateUserModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('data');
  const navigate = useNavigate();
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [kind, setKind] = useState<UserKind>('employee');
  const [employeeId, setEmployeeId] = useState<string | null>(null);
  const [employeeSearch, setEmployeeSearch] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const search = useDebounced(employeeSearch.trim());
  const employees = useQuery({
    queryKey: ['org', 'employees', 'pick', search],
    queryFn: ({ signal }) =>
      http.get<Page<Employee>>('/api/org/employees', { q: search, limit: 20 }, signal),
    enabled: kind === 'employee',
  });
  const employeeOptions = (employees.data?.items ?? []).map((e) => ({
    value: e.id,
    label: `${e.name} (${e.nip})`,
  }));

  const save = useMutation({
    mutationFn: () =>
      http.post<User>('/api/identity/users', {
        username: username.trim(),
        displayName: displayName.trim(),
        email: email.trim() || null,
        kind,
        employeeId: kind === 'employee' ? employeeId : null,
        ...(password ? { password } : {}),
      }),
    onSuccess: async (user) => {
      await client.invalidateQueries({ queryKey: ['identity', 'users'] });
      onClose();
      void navigate(`/console/users/${user.id}`);
    },
  });
  const errs = fieldErrors(save.error, {
    'identity.username_taken': 'username',
    'identity.password_too_weak': 'password',
    'identity.employee_not_found': 'employeeId',
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need = { username: username.trim() === '', displayName: displayName.trim() === '' };
    setMissing(need);
    if (!need.username && !need.displayName) save.mutate();
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={t('users.createTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {save.isError && errs.rest ? <ErrorAlert error={save.error} /> : null}
          <TextInput
            label={t('users.username')}
            description={t('users.usernameHint')}
            required
            autoComplete="off"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={missing.username ? t('common.required') : errs.fields.username}
          />
          <TextInput
            label={t('users.displayName')}
            required
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={missing.displayName ? t('common.required') : errs.fields.displayName}
          />
          <TextInput
            label={t('users.email')}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errs.fields.email}
          />
          <Select
            label={t('users.kind')}
            allowDeselect={false}
            data={USER_KINDS.map((k) => ({ value: k, label: t(`userKinds.${k}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as UserKind)}
          />
          {kind === 'employee' ? (
            <Select
              label={t('users.employee')}
              description={t('users.employeeHint')}
              searchable
              clearable
              searchValue={employeeSearch}
              onSearchChange={setEmployeeSearch}
              filter={({ options }) => options}
              nothingFoundMessage={
                employees.isFetching ? t('common.loading') : t('users.noEmployee')
              }
              data={employeeOptions}
              value={employeeId}
              onChange={setEmployeeId}
              error={errs.fields.employeeId}
            />
          ) : null}
          <PasswordInput
            label={t('users.initialPassword')}
            description={t('users.initialPasswordHint')}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errs.fields.password}
            visibilityToggleButtonProps={{ 'aria-label': t('common.showPassword') }}
          />
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

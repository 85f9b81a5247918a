import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  PasswordInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { hasPermission, useCurrentUser } from '../../auth';
import { CheckIcon } from '../../components/icons';
import { EmptyState, ErrorAlert, PageHeader, RecordPageState } from '../../components/states';
import { http } from '../../http';
import { useDates } from '../../tenant';
import {
  agencyOptions,
  ConfirmModal,
  DataTable,
  fieldErrors,
  StatusBadge,
  useAllAgencies,
} from '../org/common';
import { AGENCY_SCOPED_ROLES, ROLES, type RoleGrant, type User } from './types';

type Dialog = 'disable' | 'enable' | 'password' | 'revoke' | null;

/** One account: status, password reset, revoking access everywhere, and role grants. */
export function UserDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('data');
  const me = useCurrentUser();
  const dates = useDates();
  const client = useQueryClient();
  const canWrite = hasPermission(me, 'identity:user:write');
  const canAssign = hasPermission(me, 'identity:role:assign');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const user = useQuery({
    queryKey: ['identity', 'users', 'one', id],
    queryFn: ({ signal }) => http.get<User>(`/api/identity/users/${id}`, undefined, signal),
  });
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['identity', 'users'] });
  };

  const setStatus = useMutation({
    mutationFn: (status: User['status']) =>
      http.put<User>(`/api/identity/users/${id}/status`, { status }),
    onSuccess: async (u) => {
      await refresh();
      setDialog(null);
      setNotice(u.status === 'active' ? t('users.enabled') : t('users.disabled'));
    },
  });
  const revoke = useMutation({
    mutationFn: () =>
      http.post<{ sessions: number; tokens: number }>(`/api/identity/users/${id}/revoke-access`),
    onSuccess: (r) => {
      setDialog(null);
      setNotice(t('users.revoked', { sessions: r?.sessions ?? 0, tokens: r?.tokens ?? 0 }));
    },
  });

  if (user.isPending || user.isError) {
    return <RecordPageState title={t('users.detailTitle')} query={user} />;
  }
  const u = user.data;
  const active = u.status === 'active';

  return (
    <>
      <Anchor c="simpul.8" underline="always" component={Link} to="/console/users" size="sm">
        ← {t('users.backToList')}
      </Anchor>
      <PageHeader
        title={u.displayName}
        description={u.username}
        actions={
          canWrite ? (
            <>
              <Button variant="default" onClick={() => setDialog('password')}>
                {t('users.resetPassword')}
              </Button>
              <Button variant="default" onClick={() => setDialog(active ? 'disable' : 'enable')}>
                {active ? t('users.disable') : t('users.enable')}
              </Button>
              <Button color="red.9" variant="outline" onClick={() => setDialog('revoke')}>
                {t('users.revokeAccess')}
              </Button>
            </>
          ) : null
        }
      />
      <Stack gap="lg">
        {notice ? (
          <Alert
            role="status"
            color="green.9"
            variant="light"
            icon={<CheckIcon size={20} />}
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setNotice(null)}
          >
            <Text size="sm" c="gray.9">
              {notice}
            </Text>
          </Alert>
        ) : null}
        <Paper withBorder p="lg" radius="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
            {[
              [
                t('common.status'),
                <StatusBadge key="s" active={active} label={t(`userStatuses.${u.status}`)} />,
              ],
              [t('users.kind'), t(`userKinds.${u.kind}`)],
              [t('users.email'), u.email ?? '—'],
              [t('users.lastLogin'), dates.dateTime(u.lastLoginAt, t('users.never'))],
              [t('users.createdAt'), dates.dateTime(u.createdAt)],
              [t('users.employee'), u.employeeId ? t('users.linked') : t('users.notLinked')],
            ].map(([label, value], i) => (
              <div key={i}>
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
        <Roles user={u} canAssign={canAssign} />
      </Stack>

      <ConfirmModal
        opened={dialog === 'disable' || dialog === 'enable'}
        title={dialog === 'enable' ? t('users.enableTitle') : t('users.disableTitle')}
        body={
          dialog === 'enable'
            ? t('users.enableBody')
            : t('users.disableBody', { name: u.displayName })
        }
        confirmLabel={dialog === 'enable' ? t('users.enable') : t('users.disable')}
        danger={dialog !== 'enable'}
        loading={setStatus.isPending}
        error={setStatus.error}
        onConfirm={() => setStatus.mutate(dialog === 'enable' ? 'active' : 'disabled')}
        onClose={() => {
          setStatus.reset();
          setDialog(null);
        }}
      />
      <ConfirmModal
        opened={dialog === 'revoke'}
        title={t('users.revokeTitle')}
        body={t('users.revokeBody', { name: u.displayName })}
        confirmLabel={t('users.revokeAccess')}
        danger
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoke.mutate()}
        onClose={() => {
          revoke.reset();
          setDialog(null);
        }}
      />
      {dialog === 'password' ? (
        <ResetPasswordModal
          user={u}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            setNotice(t('users.passwordReset'));
          }}
        />
      ) : null}
    </>
  );
}

function ResetPasswordModal({
  user,
  onClose,
  onDone,
}: {
  user: User;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('data');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => http.put(`/api/identity/users/${user.id}/password`, { password }),
    onSuccess: onDone,
  });
  const errs = fieldErrors(save.error, { 'identity.password_too_weak': 'password' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password === '') return setProblem(t('common.required'));
    if (password !== confirm) return setProblem(t('users.passwordMismatch'));
    setProblem(null);
    save.mutate();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={t('users.resetPasswordTitle', { name: user.displayName })}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{t('users.resetPasswordBody')}</Text>
          {save.isError && errs.rest ? <ErrorAlert error={save.error} /> : null}
          <PasswordInput
            label={t('users.newPassword')}
            required
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errs.fields.password ?? (problem === t('common.required') ? problem : undefined)}
            visibilityToggleButtonProps={{ 'aria-label': t('common.showPassword') }}
          />
          <PasswordInput
            label={t('users.confirmPassword')}
            required
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={problem && problem !== t('common.required') ? problem : undefined}
            visibilityToggleButtonProps={{ 'aria-label': t('common.showPassword') }}
          />
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('users.resetPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Roles({ user, canAssign }: { user: User; canAssign: boolean }) {
  const { t } = useTranslation('data');
  const client = useQueryClient();
  const agencies = useAllAgencies();
  const [role, setRole] = useState<string | null>(null);
  const [scope, setScope] = useState<'tenant' | 'agency'>('tenant');
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const scopable = role !== null && AGENCY_SCOPED_ROLES.includes(role);
  const agencyName = (id: string) => agencies.data?.find((a) => a.id === id)?.name ?? id;
  const invalidate = () => client.invalidateQueries({ queryKey: ['identity', 'users'] });

  const assign = useMutation({
    mutationFn: () =>
      http.post<RoleGrant[]>(`/api/identity/users/${user.id}/roles`, {
        role,
        agencyId: scopable && scope === 'agency' ? agencyId : null,
      }),
    onSuccess: async () => {
      await invalidate();
      setRole(null);
      setScope('tenant');
      setAgencyId(null);
    },
  });
  const revoke = useMutation({
    mutationFn: (assignmentId: string) =>
      http.delete<RoleGrant[]>(`/api/identity/users/${user.id}/roles/${assignmentId}`),
    onSuccess: invalidate,
  });
  const errs = fieldErrors(assign.error, {
    'identity.role_scope_invalid': 'agencyId',
    'org.agency_not_found': 'agencyId',
    'identity.role_unknown': 'role',
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need = { role: role === null, agencyId: scopable && scope === 'agency' && !agencyId };
    setMissing(need);
    if (!need.role && !need.agencyId) assign.mutate();
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('users.roles')}
      </Title>
      {revoke.isError ? <ErrorAlert error={revoke.error} /> : null}
      {user.roles.length === 0 ? (
        <EmptyState title={t('users.noRoles')} />
      ) : (
        <DataTable caption={t('users.roles')} minWidth={420}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('users.role')}</Table.Th>
              <Table.Th scope="col">{t('users.scope')}</Table.Th>
              {canAssign ? (
                <Table.Th scope="col">
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {user.roles.map((g) => (
              <Table.Tr key={g.id ?? `${g.role}-${g.agencyId ?? ''}`}>
                <Table.Td>{t(`roles.${g.role}`)}</Table.Td>
                <Table.Td>{g.agencyId ? agencyName(g.agencyId) : t('users.scopeTenant')}</Table.Td>
                {canAssign ? (
                  <Table.Td>
                    {g.id ? (
                      <Button
                        size="xs"
                        variant="default"
                        loading={revoke.isPending && revoke.variables === g.id}
                        aria-label={t('users.revokeRoleNamed', { role: t(`roles.${g.role}`) })}
                        onClick={() => revoke.mutate(g.id!)}
                      >
                        {t('users.revokeRole')}
                      </Button>
                    ) : null}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
      {canAssign ? (
        <Paper
          withBorder
          p="lg"
          radius="md"
          component="section"
          aria-labelledby="assign-role-title"
        >
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Title order={3} size="h5" id="assign-role-title">
                {t('users.assignTitle')}
              </Title>
              {assign.isError && errs.rest ? <ErrorAlert error={assign.error} /> : null}
              <Select
                label={t('users.role')}
                required
                data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                value={role}
                onChange={(v) => {
                  setRole(v);
                  if (!v || !AGENCY_SCOPED_ROLES.includes(v)) setScope('tenant');
                }}
                error={missing.role ? t('common.required') : errs.fields.role}
              />
              <Radio.Group
                label={t('users.scope')}
                description={scopable ? undefined : t('users.scopeOnlyAgencyRoles')}
                value={scope}
                onChange={(v) => setScope(v as 'tenant' | 'agency')}
              >
                <Group gap="lg" mt={4}>
                  <Radio value="tenant" label={t('users.scopeTenant')} />
                  <Radio value="agency" label={t('users.scopeAgency')} disabled={!scopable} />
                </Group>
              </Radio.Group>
              {scopable && scope === 'agency' ? (
                <Select
                  label={t('users.agency')}
                  required
                  searchable
                  data={agencyOptions(agencies.data)}
                  value={agencyId}
                  onChange={setAgencyId}
                  error={missing.agencyId ? t('common.required') : errs.fields.agencyId}
                />
              ) : null}
              <Group>
                <Button type="submit" loading={assign.isPending}>
                  {t('users.assign')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      ) : null}
    </Stack>
  );
}

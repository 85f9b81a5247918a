import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { hasPermission, useCurrentUser } from '../../auth';
import { PageHeader } from '../../components/states';
import { http } from '../../http';
import { useDates } from '../../tenant';

interface Named {
  id: string;
  name: string;
}

interface Employee {
  id: string;
  name?: string;
  nip?: string;
  agencyId?: string | null;
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text component="dt" size="sm" c="gray.7" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} c="gray.9">
        {children}
      </Text>
    </Stack>
  );
}

/** The signed-in user's own account: who they are, what they may do and where. */
export function ProfilePage() {
  const { t } = useTranslation('console');
  const me = useCurrentUser();
  const dates = useDates();
  const canReadOrg = hasPermission(me, 'org:agency:read');
  const canReadEmployee = hasPermission(me, 'org:employee:read');

  const employee = useQuery({
    queryKey: ['org', 'employee', me.employeeId],
    queryFn: ({ signal }) =>
      http.get<Employee>(`/api/org/employees/${me.employeeId ?? ''}`, undefined, signal),
    enabled: Boolean(me.employeeId) && canReadEmployee,
    retry: false,
  });

  const agencyIds = [
    ...new Set(
      [employee.data?.agencyId, ...me.roles.map((r) => r.agencyId)].filter(
        (id): id is string => typeof id === 'string',
      ),
    ),
  ];
  const agencies = useQueries({
    queries: agencyIds.map((id) => ({
      queryKey: ['org', 'agency', id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        http.get<Named>(`/api/org/agencies/${id}`, undefined, signal),
      enabled: canReadOrg,
      retry: false,
      staleTime: 5 * 60_000,
    })),
  });
  const agencyName = (id: string | null | undefined): string => {
    if (!id) return t('profile.tenantWide');
    const found = agencies.find((q) => q.data?.id === id)?.data;
    return found?.name ?? t('profile.oneAgency');
  };

  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h4" mb="md">
            {t('profile.identity')}
          </Title>
          <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" m={0}>
            <Field label={t('profile.name')}>{me.displayName}</Field>
            <Field label={t('profile.username')}>{me.username}</Field>
            <Field label={t('profile.email')}>{me.email ?? t('profile.noEmail')}</Field>
            <Field label={t('profile.agency')}>
              {employee.data?.agencyId
                ? agencyName(employee.data.agencyId)
                : me.employeeId
                  ? t('profile.linkedEmployee')
                  : t('profile.noEmployee')}
            </Field>
            <Field label={t('profile.kind')}>
              {t(`profile.kinds.${me.kind}`, { defaultValue: me.kind })}
            </Field>
            <Field label={t('profile.lastLogin')}>{dates.dateTime(me.lastLoginAt)}</Field>
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h4" mb="xs">
            {t('profile.roles')}
          </Title>
          {me.roles.length === 0 ? (
            <Text c="gray.7">{t('profile.noRoles')}</Text>
          ) : (
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {me.roles.map((r) => (
                <Group component="li" key={r.id ?? `${r.role}:${r.agencyId ?? ''}`} gap="sm">
                  <Badge color="simpul.8" variant="outline" radius="sm">
                    {t(`roles.${r.role}`, { defaultValue: r.role })}
                  </Badge>
                  <Text size="sm" c="gray.8">
                    {agencyName(r.agencyId)}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </Paper>
      </Stack>
    </>
  );
}

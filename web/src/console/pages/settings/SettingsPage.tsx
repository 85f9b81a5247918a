/** `/console/settings`: the regional government's own settings (tenancy:settings:read/write). */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { hasPermission, useCurrentUser } from '../../auth';
import { ErrorAlert, PageHeader, PageLoader, Notice } from '../../components/states';
import { CheckIcon } from '../../components/icons';
import { ApiError, http } from '../../http';

export interface TenantSettings {
  code: string;
  name: string;
  kind: string;
  officialDomain: string | null;
  logoUrl: string | null;
  timeZone: string;
  regulationProfile: string[];
  mfaPolicy: { requiredRoles: string[] };
}

export interface RegulationProfile {
  code: string;
  title: string;
}

/** Roles a tenant may require two-step verification for (same list as the server's ROLES). */
export const ROLES = [
  'ict_admin',
  'ict_operator',
  'agency_admin',
  'agency_operator',
  'auditor',
  'regional_secretary',
  'regent',
  'cio',
] as const;

/** Indonesia's three zones first: WIB, WITA, WIT. */
export const INDONESIAN_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

export const SETTINGS_KEY = ['tenancy', 'settings'] as const;

function allTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

interface FormState {
  name: string;
  logoUrl: string;
  officialDomain: string;
  timeZone: string;
  regulationProfile: string[];
  requiredRoles: string[];
}

function toForm(s: TenantSettings): FormState {
  return {
    name: s.name,
    logoUrl: s.logoUrl ?? '',
    officialDomain: s.officialDomain ?? '',
    timeZone: s.timeZone,
    regulationProfile: [...s.regulationProfile],
    requiredRoles: [...s.mfaPolicy.requiredRoles],
  };
}

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** Only the fields that changed, in the PATCH body's shape. */
export function settingsPatch(before: TenantSettings, form: FormState): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (form.name.trim() !== before.name) patch.name = form.name.trim();
  const logo = form.logoUrl.trim() || null;
  if (logo !== before.logoUrl) patch.logoUrl = logo;
  const domain = form.officialDomain.trim().toLowerCase() || null;
  if (domain !== before.officialDomain) patch.officialDomain = domain;
  if (form.timeZone !== before.timeZone) patch.timeZone = form.timeZone;
  if (!sameSet(form.regulationProfile, before.regulationProfile)) {
    patch.regulationProfile = form.regulationProfile;
  }
  if (!sameSet(form.requiredRoles, before.mfaPolicy.requiredRoles)) {
    patch.mfaPolicy = { requiredRoles: form.requiredRoles };
  }
  return patch;
}

function validate(form: FormState): Partial<Record<keyof FormState, string>> {
  const errors: Partial<Record<keyof FormState, string>> = {};
  if (form.name.trim() === '') errors.name = 'settings.nameRequired';
  const logo = form.logoUrl.trim();
  if (logo && !/^(https:\/\/|\/)[^\s]+$/i.test(logo)) errors.logoUrl = 'settings.logoInvalid';
  const domain = form.officialDomain.trim();
  if (
    domain &&
    !/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i.test(
      domain,
    )
  ) {
    errors.officialDomain = 'settings.domainInvalid';
  }
  if (!form.timeZone) errors.timeZone = 'settings.timeZoneRequired';
  return errors;
}

function SettingsForm({
  settings,
  profiles,
  profilesError,
  canWrite,
}: {
  settings: TenantSettings;
  profiles: RegulationProfile[];
  profilesError: unknown;
  canWrite: boolean;
}) {
  const { t } = useTranslation('console');
  const client = useQueryClient();
  const [form, setForm] = useState<FormState>(() => toForm(settings));
  const [errors, setErrors] = useState<Partial<Record<keyof FormState, string>>>({});
  const [saved, setSaved] = useState(false);

  useEffect(() => setForm(toForm(settings)), [settings]);

  const zones = useMemo(() => {
    const rest = allTimeZones().filter((z) => !(INDONESIAN_ZONES as readonly string[]).includes(z));
    if (
      form.timeZone &&
      !rest.includes(form.timeZone) &&
      !(INDONESIAN_ZONES as readonly string[]).includes(form.timeZone)
    ) {
      rest.unshift(form.timeZone);
    }
    return [
      {
        group: t('settings.zonesIndonesia'),
        items: INDONESIAN_ZONES.map((z) => ({
          value: z,
          label: t(`settings.zones.${z.replace('/', '_')}`),
        })),
      },
      { group: t('settings.zonesOther'), items: rest },
    ];
  }, [t, form.timeZone]);

  const save = useMutation({
    mutationFn: (patch: Record<string, unknown>) =>
      http.patch<TenantSettings>('/api/tenancy/settings', patch),
    onSuccess: (next) => {
      client.setQueryData(SETTINGS_KEY, next);
      void client.invalidateQueries({ queryKey: ['public-site'] });
      setSaved(true);
    },
  });

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setSaved(false);
    setForm((f) => ({ ...f, [key]: value }));
  };

  const patch = settingsPatch(settings, form);
  const dirty = Object.keys(patch).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validate(form);
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !dirty) return;
    save.mutate(patch);
  };

  const fieldError = (key: keyof FormState) => {
    if (errors[key]) return t(errors[key]);
    const e = save.error;
    if (e instanceof ApiError && Array.isArray(e.details)) {
      const d = (e.details as { field?: string; problem?: string }[]).find((x) =>
        x.field?.replace(/^\//, '').startsWith(key),
      );
      if (d) return d.problem ?? t('settings.invalid');
    }
    return undefined;
  };

  const profileOptions = profiles.map((p) => ({ value: p.code, label: p.title }));
  for (const code of form.regulationProfile) {
    if (!profileOptions.some((o) => o.value === code))
      profileOptions.push({ value: code, label: code });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="settings-general">
      <Stack gap="lg">
        {!canWrite ? (
          <Notice tone="neutral" title={t('settings.readOnlyTitle')}>
            <Text size="sm" c="gray.9">
              {t('settings.readOnlyBody')}
            </Text>
          </Notice>
        ) : null}
        {save.isError ? <ErrorAlert error={save.error} title={t('settings.saveFailed')} /> : null}
        {saved ? (
          <Notice
            role="status"
            tone="success"
            icon={<CheckIcon size={20} />}
            title={t('settings.saved')}
          >
            <Text size="sm" c="gray.9">
              {t('settings.savedBody')}
            </Text>
          </Notice>
        ) : null}

        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h4" id="settings-general" mb="md">
            {t('settings.general')}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <TextInput
              label={t('settings.name')}
              required
              readOnly={!canWrite}
              value={form.name}
              maxLength={200}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={fieldError('name')}
            />
            <TextInput
              label={t('settings.code')}
              description={t('settings.codeHint')}
              readOnly
              value={`${settings.code} · ${t(`settings.kinds.${settings.kind}`, { defaultValue: settings.kind })}`}
            />
            <TextInput
              label={t('settings.officialDomain')}
              description={t('settings.officialDomainHint')}
              placeholder="batangkab.go.id"
              readOnly={!canWrite}
              value={form.officialDomain}
              onChange={(e) => set('officialDomain', e.currentTarget.value)}
              error={fieldError('officialDomain')}
            />
            <TextInput
              label={t('settings.logoUrl')}
              description={t('settings.logoUrlHint')}
              placeholder="https://"
              type="url"
              readOnly={!canWrite}
              value={form.logoUrl}
              onChange={(e) => set('logoUrl', e.currentTarget.value)}
              error={fieldError('logoUrl')}
            />
            <Select
              label={t('settings.timeZone')}
              description={t('settings.timeZoneHint')}
              data={zones}
              searchable
              allowDeselect={false}
              readOnly={!canWrite}
              value={form.timeZone}
              onChange={(v) => v && set('timeZone', v)}
              error={fieldError('timeZone')}
              nothingFoundMessage={t('settings.noZone')}
              comboboxProps={{ withinPortal: true }}
            />
          </SimpleGrid>
        </Paper>

        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h4" mb="xs">
            {t('settings.regulations')}
          </Title>
          <Text size="sm" c="gray.7" mb="md">
            {t('settings.regulationsHint')}
          </Text>
          {profilesError ? <ErrorAlert error={profilesError} /> : null}
          <MultiSelect
            label={t('settings.regulationProfile')}
            data={profileOptions}
            searchable
            readOnly={!canWrite}
            value={form.regulationProfile}
            onChange={(v) => set('regulationProfile', v)}
            error={fieldError('regulationProfile')}
            nothingFoundMessage={t('settings.noProfile')}
            hidePickedOptions
          />
        </Paper>

        <Paper withBorder p="lg" radius="md">
          <Checkbox.Group
            label={
              <Title order={2} size="h4" component="span">
                {t('settings.mfaPolicy')}
              </Title>
            }
            description={t('settings.mfaPolicyHint')}
            value={form.requiredRoles}
            onChange={(v) => set('requiredRoles', v)}
            error={fieldError('requiredRoles')}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="md">
              {ROLES.map((role) => (
                <Checkbox key={role} value={role} label={t(`roles.${role}`)} disabled={!canWrite} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        </Paper>

        {canWrite ? (
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              disabled={!dirty || save.isPending}
              onClick={() => {
                setErrors({});
                setForm(toForm(settings));
              }}
            >
              {t('common.reset')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!dirty}>
              {t('common.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}

export function SettingsPage() {
  const { t } = useTranslation('console');
  const me = useCurrentUser();
  const canWrite = hasPermission(me, 'tenancy:settings:write');
  const settings = useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: ({ signal }) => http.get<TenantSettings>('/api/tenancy/settings', undefined, signal),
  });
  const profiles = useQuery({
    queryKey: ['tenancy', 'regulation-profiles'],
    queryFn: async ({ signal }) => {
      const body = await http.get<RegulationProfile[] | { items: RegulationProfile[] }>(
        '/api/tenancy/regulation-profiles',
        undefined,
        signal,
      );
      return Array.isArray(body) ? body : body.items;
    },
    staleTime: 30 * 60_000,
  });

  const normalised = useMemo(
    () =>
      settings.data
        ? {
            ...settings.data,
            regulationProfile: settings.data.regulationProfile ?? [],
            mfaPolicy: settings.data.mfaPolicy ?? { requiredRoles: [] },
          }
        : null,
    [settings.data],
  );

  let body;
  if (settings.isPending) body = <PageLoader rows={6} />;
  else if (settings.isError)
    body = (
      <ErrorAlert
        error={settings.error}
        onRetry={() => void settings.refetch()}
        retrying={settings.isFetching}
      />
    );
  else
    body = (
      <SettingsForm
        settings={normalised ?? settings.data}
        profiles={profiles.data ?? []}
        profilesError={profiles.error}
        canWrite={canWrite}
      />
    );

  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      {body}
    </>
  );
}

/**
 * `/interaction/:uid`: the OIDC provider sends the browser here when a third-party application
 * asks who the user is. Sign in if needed, then (unless the provider only asked for a login)
 * approve or deny what the application may see; the provider takes it from there.
 */
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Anchor, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { MFA_ENROLMENT_PATH, rememberSignIn, useSignOut } from '../../auth';
import { ErrorAlert, PageLoader, Notice } from '../../components/states';
import { CheckIcon } from '../../components/icons';
import { ApiError, http } from '../../http';
import { AuthLayout } from '../auth/AuthLayout';
import { SignInFlow } from '../auth/SignInFlow';

export interface Interaction {
  uid: string;
  prompt: 'login' | 'consent' | (string & {});
  client: { clientId: string; name: string };
  scopes: string[];
  claims: string[];
  signedIn: boolean;
  /** Who is signed in (the server may send only the username). */
  user?: { username: string; displayName?: string } | null;
}

const KNOWN_SCOPES = ['openid', 'profile', 'email', 'offline_access', 'simpul:org', 'simpul:roles'];

function scopeKey(scope: string): string {
  return scope.replace(/[^a-z0-9_]/gi, '_');
}

/** Navigates away to wherever the provider wants the browser next. */
function go(redirectTo: string) {
  window.location.assign(redirectTo);
}

export function InteractionPage() {
  const { uid = '' } = useParams();
  const { t } = useTranslation('console');
  const client = useQueryClient();
  const signOut = useSignOut();
  const key = ['oidc-interaction', uid] as const;
  // Not under /api: the provider's interaction cookie is scoped to /interaction/<uid>.
  const base = `/interaction/${encodeURIComponent(uid)}`;
  const interaction = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => http.get<Interaction>(`${base}/details`, undefined, signal),
    retry: false,
  });
  const [justSignedIn, setJustSignedIn] = useState(false);
  /** Signed in, but the tenant's MFA policy wants a second factor enrolled first. */
  const [mustEnrol, setMustEnrol] = useState(false);

  const login = useMutation({
    mutationFn: () => http.post<{ redirectTo: string }>(`${base}/login`, {}),
    onSuccess: (r) => go(r.redirectTo),
    onError: (error) => {
      // The application wants a fresh sign-in: show the sign-in form again.
      if (error instanceof ApiError && error.code === 'identity.interaction_reauth_required') {
        void interaction.refetch();
      }
    },
  });
  const consent = useMutation({
    mutationFn: (approve: boolean) =>
      http.post<{ redirectTo: string }>(`${base}/consent`, {
        approve,
      }),
    onSuccess: (r) => go(r.redirectTo),
  });

  const data = interaction.data;
  const appName = data?.client.name ?? '';
  const title = data ? t('interaction.title', { app: appName }) : t('interaction.loadingTitle');

  let body;
  if (interaction.isPending) {
    body = <PageLoader rows={3} />;
  } else if (interaction.isError || !data) {
    body = (
      <ErrorAlert
        error={interaction.error}
        title={t('interaction.errorTitle')}
        onRetry={() => void interaction.refetch()}
        retrying={interaction.isFetching}
      />
    );
  } else if (!data.signedIn && mustEnrol) {
    body = (
      <Notice tone="warning" title={t('security.requiredTitle')} role="status">
        <Text size="sm" c="gray.9">
          {t('interaction.enrolFirst', { app: appName })}{' '}
          <Anchor href={MFA_ENROLMENT_PATH} target="_blank" c="simpul.9" underline="always">
            {t('interaction.enrolLink')}
          </Anchor>
        </Text>
        <Button mt="sm" size="xs" variant="default" onClick={() => void interaction.refetch()}>
          {t('interaction.enrolDone')}
        </Button>
      </Notice>
    );
  } else if (!data.signedIn) {
    body = (
      <Stack gap="md">
        <Text>{t('interaction.signInFirst', { app: appName })}</Text>
        <SignInFlow
          onSignedIn={(user) => {
            rememberSignIn(client, user);
            if (user.mfa?.enrolmentRequired) {
              setMustEnrol(true);
              return;
            }
            setJustSignedIn(true);
            void interaction.refetch().then((r) => {
              // The provider only wanted a login: hand the session over right away.
              if (r.data?.signedIn && r.data.prompt === 'login') login.mutate();
            });
          }}
        />
      </Stack>
    );
  } else if (data.prompt === 'login') {
    body = (
      <Stack gap="md">
        <Text>
          {t('interaction.continueAs', {
            name: data.user?.displayName ?? data.user?.username ?? '',
            app: appName,
          })}
        </Text>
        {login.isError ? <ErrorAlert error={login.error} /> : null}
        <Group>
          <Button
            onClick={() => login.mutate()}
            loading={login.isPending || (justSignedIn && !login.isError)}
          >
            {t('interaction.continue')}
          </Button>
          <Button
            variant="default"
            onClick={() => void signOut().then(() => void interaction.refetch())}
          >
            {t('interaction.notYou')}
          </Button>
        </Group>
      </Stack>
    );
  } else {
    const scopes = data.scopes.filter((s) => s !== 'openid');
    body = (
      <Stack gap="md">
        <Text>
          {t('interaction.consentIntro', {
            app: appName,
            name: data.user?.displayName ?? data.user?.username ?? '',
          })}
        </Text>
        <Stack gap="xs">
          <Title order={2} size="h5">
            {t('interaction.willSee')}
          </Title>
          <List spacing="xs" icon={<CheckIcon size={18} />} center>
            <List.Item>{t('interaction.scope.openid')}</List.Item>
            {scopes.map((s) => (
              <List.Item key={s}>
                {KNOWN_SCOPES.includes(s)
                  ? t(`interaction.scope.${scopeKey(s)}`)
                  : t('interaction.scope.other', { scope: s })}
              </List.Item>
            ))}
          </List>
          {data.claims.length > 0 ? (
            <Text size="sm" c="gray.7">
              {t('interaction.claims', {
                claims: data.claims
                  .map((c) => t(`interaction.claim.${scopeKey(c)}`, { defaultValue: c }))
                  .join(', '),
              })}
            </Text>
          ) : null}
        </Stack>
        <Notice tone="neutral" title={t('interaction.noteTitle')}>
          <Text size="sm" c="gray.9">
            {t('interaction.note', { app: appName })}
          </Text>
        </Notice>
        {consent.isError ? <ErrorAlert error={consent.error} /> : null}
        <Group justify="flex-end">
          <Button
            variant="outline"
            color="gray.8"
            onClick={() => consent.mutate(false)}
            loading={consent.isPending && consent.variables === false}
            disabled={consent.isPending}
          >
            {t('interaction.deny')}
          </Button>
          <Button
            onClick={() => consent.mutate(true)}
            loading={consent.isPending && consent.variables === true}
            disabled={consent.isPending}
          >
            {t('interaction.approve')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return <AuthLayout title={title}>{body}</AuthLayout>;
}

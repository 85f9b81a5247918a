/**
 * Sign-in in steps: identifier + password, then a second factor when the server asks for one
 * (authenticator code, passkey or recovery code). A passkey alone (discoverable credential) also
 * signs in. Used by the sign-in page and by the OIDC interaction page.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Anchor,
  Button,
  Divider,
  Group,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  startAuthentication,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { AlertIcon } from '../../../components/icons';
import type { LoginResult, Me, MfaMethod } from '../../auth';
import { describeError } from '../../errors';
import { ApiError, http } from '../../http';
import { FingerprintIcon } from '../../components/icons';

type Step = { kind: 'password' } | { kind: 'mfa'; flow: string; methods: MfaMethod[] };

/** Error codes after which the second-factor flow cannot continue and must start again. */
const FLOW_ENDED = new Set([
  'identity.mfa_flow_expired',
  'identity.mfa_flow_invalid',
  'identity.flow_expired',
  'identity.flow_invalid',
  'identity.webauthn_flow_expired',
]);

async function passkeySignIn(flow?: string): Promise<LoginResult> {
  const { flow: ceremony, options } = await http.post<{
    flow: string;
    options: PublicKeyCredentialRequestOptionsJSON;
  }>('/api/auth/webauthn/options', flow ? { flow } : {}, { redirectOn401: false });
  const response = await startAuthentication({ optionsJSON: options });
  return http.post<LoginResult>(
    '/api/auth/webauthn/verify',
    { flow: ceremony, response },
    { redirectOn401: false },
  );
}

function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation('console');
  if (!error) return null;
  return (
    <Alert
      role="alert"
      variant="outline"
      color="red.9"
      icon={<AlertIcon size={20} />}
      title={t('signIn.failed')}
      styles={{ root: { background: 'var(--mantine-color-white)' } }}
    >
      <Text size="sm" c="gray.9">
        {describeError(t, error)}
      </Text>
    </Alert>
  );
}

export function SignInFlow({ onSignedIn }: { onSignedIn: (user: Me) => void }) {
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<null | 'password' | 'passkey' | 'code'>(null);

  const finish = (result: LoginResult) => {
    if (result.status === 'signed_in') {
      onSignedIn(result.user);
    } else {
      setError(null);
      setStep({ kind: 'mfa', flow: result.flow, methods: result.methods });
    }
  };

  const attempt = async (kind: 'password' | 'passkey' | 'code', fn: () => Promise<LoginResult>) => {
    setBusy(kind);
    setError(null);
    try {
      finish(await fn());
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.code && FLOW_ENDED.has(e.code)) setStep({ kind: 'password' });
    } finally {
      setBusy(null);
    }
  };

  if (step.kind === 'mfa') {
    return (
      <SecondFactor
        flow={step.flow}
        methods={step.methods}
        error={error}
        busy={busy}
        onSubmitCode={(method, code) =>
          void attempt('code', () =>
            http.post<LoginResult>(
              method === 'totp' ? '/api/auth/mfa/totp' : '/api/auth/mfa/recovery',
              { flow: step.flow, code },
              { redirectOn401: false },
            ),
          )
        }
        onPasskey={() => void attempt('passkey', () => passkeySignIn(step.flow))}
        onRestart={() => {
          setError(null);
          setStep({ kind: 'password' });
        }}
      />
    );
  }

  return (
    <PasswordStep
      error={error}
      busy={busy}
      onSubmit={(login, password) =>
        void attempt('password', () =>
          http.post<LoginResult>('/api/auth/login', { login, password }, { redirectOn401: false }),
        )
      }
      onPasskey={() => void attempt('passkey', () => passkeySignIn())}
    />
  );
}

function PasswordStep({
  error,
  busy,
  onSubmit,
  onPasskey,
}: {
  error: unknown;
  busy: string | null;
  onSubmit: (login: string, password: string) => void;
  onPasskey: () => void;
}) {
  const { t } = useTranslation('console');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ login?: boolean; password?: boolean }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = { login: login.trim() === '', password: password === '' };
    setMissing(next);
    if (next.login || next.password) return;
    onSubmit(login.trim(), password);
  };

  return (
    <Stack gap="md">
      <ErrorMessage error={error} />
      <form onSubmit={submit} noValidate aria-label={t('signIn.formLabel')}>
        <Stack gap="md">
          <TextInput
            label={t('signIn.login')}
            description={t('signIn.loginHint')}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={login}
            onChange={(e) => setLogin(e.currentTarget.value)}
            error={missing.login ? t('signIn.loginRequired') : undefined}
            data-autofocus
          />
          <PasswordInput
            label={t('signIn.password')}
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={missing.password ? t('signIn.passwordRequired') : undefined}
            visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
          />
          <Group justify="space-between" align="center">
            <Anchor
              component={Link}
              to="/forgot-password"
              size="sm"
              c="simpul.8"
              underline="always"
            >
              {t('signIn.forgot')}
            </Anchor>
            <Button type="submit" loading={busy === 'password'} disabled={busy !== null}>
              {t('signIn.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Divider label={t('signIn.or')} labelPosition="center" color="gray.4" />
      <Button
        variant="outline"
        leftSection={<FingerprintIcon size={18} />}
        loading={busy === 'passkey'}
        disabled={busy !== null}
        onClick={onPasskey}
      >
        {t('signIn.withPasskey')}
      </Button>
    </Stack>
  );
}

function SecondFactor({
  methods,
  error,
  busy,
  onSubmitCode,
  onPasskey,
  onRestart,
}: {
  flow: string;
  methods: MfaMethod[];
  error: unknown;
  busy: string | null;
  onSubmitCode: (method: 'totp' | 'recovery', code: string) => void;
  onPasskey: () => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation('console');
  const initial: MfaMethod = methods.includes('totp')
    ? 'totp'
    : methods.includes('webauthn')
      ? 'webauthn'
      : 'recovery';
  const [method, setMethod] = useState<MfaMethod>(initial);
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const choose = (next: MfaMethod) => {
    setMethod(next);
    setCode('');
    setMissing(false);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = method === 'totp' ? code.replace(/\s+/g, '') : code.trim();
    if (value === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    onSubmitCode(method === 'totp' ? 'totp' : 'recovery', value);
  };

  const others = methods.filter((m) => m !== method);

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={2} size="h4" ref={headingRef} tabIndex={-1}>
          {t('mfaStep.title')}
        </Title>
        <Text size="sm" c="gray.7">
          {t(`mfaStep.intro.${method}`)}
        </Text>
      </Stack>
      <ErrorMessage error={error} />
      {method === 'webauthn' ? (
        <Button
          leftSection={<FingerprintIcon size={18} />}
          loading={busy === 'passkey'}
          disabled={busy !== null}
          onClick={onPasskey}
        >
          {t('mfaStep.usePasskeyNow')}
        </Button>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput
              key={method}
              label={t(method === 'totp' ? 'mfaStep.totpLabel' : 'mfaStep.recoveryLabel')}
              description={t(method === 'totp' ? 'mfaStep.totpHint' : 'mfaStep.recoveryHint')}
              name={method === 'totp' ? 'otp' : 'recovery-code'}
              autoComplete={method === 'totp' ? 'one-time-code' : 'off'}
              inputMode={method === 'totp' ? 'numeric' : 'text'}
              autoCapitalize="none"
              spellCheck={false}
              maxLength={method === 'totp' ? 8 : 32}
              required
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={missing ? t('mfaStep.codeRequired') : undefined}
              autoFocus
            />
            <Button type="submit" loading={busy === 'code'} disabled={busy !== null}>
              {t('mfaStep.verify')}
            </Button>
          </Stack>
        </form>
      )}
      {others.length > 0 ? (
        <Stack gap={4}>
          <Text size="sm" c="gray.7">
            {t('mfaStep.otherMethods')}
          </Text>
          {others.map((m) => (
            <Anchor
              key={m}
              component="button"
              type="button"
              size="sm"
              c="simpul.8"
              underline="always"
              ta="left"
              onClick={() => choose(m)}
            >
              {t(`mfaStep.switch.${m}`)}
            </Anchor>
          ))}
        </Stack>
      ) : null}
      <Button variant="default" onClick={onRestart} disabled={busy !== null}>
        {t('mfaStep.restart')}
      </Button>
    </Stack>
  );
}

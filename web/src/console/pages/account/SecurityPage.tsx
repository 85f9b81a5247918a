/**
 * Two-step verification: authenticator app (TOTP) with recovery codes, and passkeys. A session
 * that must enrol first (tenant MFA policy) is kept on this page until it has done so.
 */
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  List,
  Modal,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import {
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
} from '@simplewebauthn/browser';
import { ME_KEY, safeNext, useCurrentUser } from '../../auth';
import {
  EmptyState,
  ErrorAlert,
  PageHeader,
  PageLoader,
  Notice,
  SUCCESS_COLOR,
} from '../../components/states';
import { CheckIcon, FingerprintIcon, ShieldIcon } from '../../components/icons';
import { http } from '../../http';
import { useDates } from '../../tenant';
import { QrCode } from '../../components/QrCode';
import { RecoveryCodes } from './RecoveryCodes';

interface TotpSetup {
  secret: string;
  otpauthUri: string;
}

export interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  backedUp: boolean;
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP", easier to type from a screen. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** Asks for the password before a sensitive change. */
function PasswordConfirm({
  opened,
  title,
  body,
  confirmLabel,
  danger,
  pending,
  error,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: (password: string) => void;
}) {
  const { t } = useTranslation('console');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password === '') return setMissing(true);
    setMissing(false);
    onConfirm(password);
  };
  return (
    <Modal
      opened={opened}
      onClose={() => {
        setPassword('');
        onClose();
      }}
      title={<Text fw={700}>{title}</Text>}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{body}</Text>
          {error ? <ErrorAlert error={error} /> : null}
          <PasswordInput
            label={t('password.current')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={missing ? t('password.currentRequired') : undefined}
            visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={danger ? 'red.9' : undefined} loading={pending}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function TotpSection() {
  const { t } = useTranslation('console');
  const me = useCurrentUser();
  const client = useQueryClient();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [missingCode, setMissingCode] = useState(false);
  const [dialog, setDialog] = useState<null | 'disable' | 'regenerate'>(null);

  const refreshMe = () => client.invalidateQueries({ queryKey: ME_KEY });

  const setup = useMutation({
    mutationFn: () => http.post<TotpSetup>('/api/account/totp/setup'),
  });
  const confirm = useMutation({
    mutationFn: (value: string) =>
      http.post<{ recoveryCodes: string[] }>('/api/account/totp/confirm', { code: value }),
    onSuccess: (r) => {
      setCodes(r.recoveryCodes);
      setup.reset();
      setCode('');
      void refreshMe();
    },
  });
  const disable = useMutation({
    mutationFn: (password: string) => http.delete('/api/account/totp', { password }),
    onSuccess: () => {
      setDialog(null);
      void refreshMe();
    },
  });
  const regenerate = useMutation({
    mutationFn: (password: string) =>
      http.post<{ recoveryCodes: string[] }>('/api/account/recovery-codes', { password }),
    onSuccess: (r) => {
      setDialog(null);
      setCodes(r.recoveryCodes);
      void refreshMe();
    },
  });

  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    const value = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(value)) return setMissingCode(true);
    setMissingCode(false);
    confirm.mutate(value);
  };

  let content;
  if (codes) {
    content = <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />;
  } else if (setup.data) {
    const { secret, otpauthUri } = setup.data;
    content = (
      <Stack gap="md">
        <List type="ordered" spacing="xs">
          <List.Item>{t('totp.step1')}</List.Item>
          <List.Item>{t('totp.step2')}</List.Item>
          <List.Item>{t('totp.step3')}</List.Item>
        </List>
        <Group align="flex-start" gap="lg">
          <QrCode value={otpauthUri} label={t('totp.qrLabel')} size={196} />
          <Stack gap="xs" style={{ flex: 1, minWidth: 220 }}>
            <Text size="sm" fw={600}>
              {t('totp.secret')}
            </Text>
            <Code fz="lg" c="gray.9" bg="gray.1" p="sm" data-testid="totp-secret">
              {groupSecret(secret)}
            </Code>
            <Text size="sm" fw={600}>
              {t('totp.uri')}
            </Text>
            <Code
              block
              c="gray.9"
              bg="gray.1"
              style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
            >
              {otpauthUri}
            </Code>
          </Stack>
        </Group>
        <form onSubmit={submitCode} noValidate>
          <Stack gap="sm" maw={360}>
            {confirm.isError ? <ErrorAlert error={confirm.error} /> : null}
            <TextInput
              label={t('totp.codeLabel')}
              description={t('mfaStep.totpHint')}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={7}
              required
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={missingCode ? t('totp.codeInvalid') : undefined}
            />
            <Group gap="sm">
              <Button type="submit" loading={confirm.isPending}>
                {t('totp.confirm')}
              </Button>
              <Button variant="default" onClick={() => setup.reset()}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    );
  } else if (me.mfa.totp) {
    content = (
      <Stack gap="sm">
        <Group gap="sm">
          <Badge color={SUCCESS_COLOR} variant="outline" leftSection={<CheckIcon size={14} />}>
            {t('totp.active')}
          </Badge>
          <Text size="sm" c="gray.8">
            {t('totp.codesLeft', { count: me.mfa.recoveryCodesLeft })}
          </Text>
        </Group>
        <Group gap="sm">
          <Button variant="outline" onClick={() => setDialog('regenerate')}>
            {t('totp.regenerate')}
          </Button>
          <Button variant="outline" color="red.9" onClick={() => setDialog('disable')}>
            {t('totp.disable')}
          </Button>
        </Group>
      </Stack>
    );
  } else {
    content = (
      <Stack gap="sm" align="flex-start">
        <Text size="sm" c="gray.8">
          {t('totp.notSetUp')}
        </Text>
        {setup.isError ? <ErrorAlert error={setup.error} /> : null}
        <Button onClick={() => setup.mutate()} loading={setup.isPending}>
          {t('totp.start')}
        </Button>
      </Stack>
    );
  }

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="totp-heading">
      <Title order={2} size="h4" id="totp-heading" mb="xs">
        {t('totp.title')}
      </Title>
      <Text size="sm" c="gray.7" mb="md">
        {t('totp.description')}
      </Text>
      {content}
      <PasswordConfirm
        opened={dialog === 'disable'}
        title={t('totp.disableTitle')}
        body={t('totp.disableBody')}
        confirmLabel={t('totp.disable')}
        danger
        pending={disable.isPending}
        error={disable.error}
        onClose={() => {
          disable.reset();
          setDialog(null);
        }}
        onConfirm={(p) => disable.mutate(p)}
      />
      <PasswordConfirm
        opened={dialog === 'regenerate'}
        title={t('totp.regenerateTitle')}
        body={t('totp.regenerateBody')}
        confirmLabel={t('totp.regenerate')}
        pending={regenerate.isPending}
        error={regenerate.error}
        onClose={() => {
          regenerate.reset();
          setDialog(null);
        }}
        onConfirm={(p) => regenerate.mutate(p)}
      />
    </Paper>
  );
}

export const PASSKEYS_KEY = ['account', 'passkeys'] as const;

function PasskeysSection() {
  const { t } = useTranslation('console');
  const client = useQueryClient();
  const dates = useDates();
  const [name, setName] = useState('');
  const [removing, setRemoving] = useState<Passkey | null>(null);
  const list = useQuery({
    queryKey: PASSKEYS_KEY,
    queryFn: ({ signal }) =>
      http.get<{ items: Passkey[] }>('/api/account/passkeys', undefined, signal),
  });
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: PASSKEYS_KEY }),
      client.invalidateQueries({ queryKey: ME_KEY }),
    ]);

  const add = useMutation({
    mutationFn: async (label: string) => {
      const { flow, options } = await http.post<{
        flow: string;
        options: PublicKeyCredentialCreationOptionsJSON;
      }>('/api/account/passkeys/options');
      const response = await startRegistration({ optionsJSON: options });
      return http.post<Passkey>('/api/account/passkeys', { flow, name: label, response });
    },
    onSuccess: () => {
      setName('');
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => http.delete(`/api/account/passkeys/${encodeURIComponent(id)}`),
    onSuccess: () => {
      setRemoving(null);
      void refresh();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(name.trim() || t('passkeys.defaultName'));
  };

  let body;
  if (list.isPending) body = <PageLoader rows={2} />;
  else if (list.isError)
    body = (
      <ErrorAlert
        error={list.error}
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
      />
    );
  else if (list.data.items.length === 0)
    body = <EmptyState title={t('passkeys.empty')} body={t('passkeys.emptyBody')} />;
  else
    body = (
      <Table.ScrollContainer minWidth={520}>
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Caption>{t('passkeys.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('passkeys.name')}</Table.Th>
              <Table.Th scope="col">{t('passkeys.created')}</Table.Th>
              <Table.Th scope="col">{t('passkeys.lastUsed')}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Group gap="xs">
                    <Text size="sm" fw={600}>
                      {p.name}
                    </Text>
                    {p.backedUp ? (
                      <Badge size="sm" variant="outline" color="gray.8">
                        {t('passkeys.synced')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>{dates.dateTime(p.createdAt)}</Table.Td>
                <Table.Td>{dates.dateTime(p.lastUsedAt, t('passkeys.never'))}</Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="xs"
                    variant="outline"
                    color="red.9"
                    onClick={() => setRemoving(p)}
                    aria-label={t('passkeys.removeNamed', { name: p.name })}
                  >
                    {t('passkeys.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="passkeys-heading">
      <Title order={2} size="h4" id="passkeys-heading" mb="xs">
        {t('passkeys.title')}
      </Title>
      <Text size="sm" c="gray.7" mb="md">
        {t('passkeys.description')}
      </Text>
      <Stack gap="md">
        {body}
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {add.isError ? <ErrorAlert error={add.error} /> : null}
            <Group align="flex-end" gap="sm">
              <TextInput
                label={t('passkeys.newName')}
                description={t('passkeys.newNameHint')}
                placeholder={t('passkeys.defaultName')}
                value={name}
                maxLength={100}
                onChange={(e) => setName(e.currentTarget.value)}
                style={{ flex: 1, minWidth: 200 }}
              />
              <Button
                type="submit"
                leftSection={<FingerprintIcon size={18} />}
                loading={add.isPending}
              >
                {t('passkeys.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
      <Modal
        opened={removing !== null}
        onClose={() => {
          remove.reset();
          setRemoving(null);
        }}
        title={<Text fw={700}>{t('passkeys.removeTitle')}</Text>}
        centered
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md">
          <Text size="sm">{t('passkeys.removeBody', { name: removing?.name ?? '' })}</Text>
          {remove.isError ? <ErrorAlert error={remove.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red.9"
              loading={remove.isPending}
              onClick={() => removing && remove.mutate(removing.id)}
            >
              {t('passkeys.remove')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

export function SecurityPage() {
  const { t } = useTranslation('console');
  const me = useCurrentUser();
  // Where the user was going when they were sent here to enrol (a safe, same-site path).
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const enrolled = me.mfa.totp || me.mfa.passkeys > 0;
  return (
    <>
      <PageHeader title={t('security.title')} description={t('security.description')} />
      <Stack gap="lg">
        {me.mfa.enrolmentRequired ? (
          <Notice
            tone="warning"
            icon={<ShieldIcon size={20} />}
            title={t('security.requiredTitle')}
            role="status"
          >
            <Text size="sm" c="gray.9">
              {t('security.requiredBody')}
            </Text>
          </Notice>
        ) : me.mfa.required && enrolled ? null : !enrolled ? (
          <Notice tone="info" title={t('security.recommendedTitle')}>
            <Text size="sm" c="gray.9">
              {t('security.recommendedBody')}
            </Text>
          </Notice>
        ) : null}
        {!me.mfa.enrolmentRequired && enrolled && me.mfa.required ? (
          <Text size="sm" c="gray.8">
            {t('security.requiredMet')}{' '}
            <Anchor component={Link} to={next} c="simpul.8" underline="always">
              {t('security.toConsole')}
            </Anchor>
          </Text>
        ) : null}
        <TotpSection />
        <PasskeysSection />
      </Stack>
    </>
  );
}

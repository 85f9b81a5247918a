import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { http } from '../../http';
import { ErrorAlert, Notice } from '../../components/states';
import { CheckIcon } from '../../components/icons';
import { AuthLayout } from './AuthLayout';

export const MIN_PASSWORD_LENGTH = 12;

/** `/reset-password?token=...`: the link from the reset e-mail. */
export function ResetPasswordPage() {
  const { t } = useTranslation('console');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<null | 'short' | 'mismatch'>(null);
  const reset = useMutation({
    mutationFn: () =>
      http.post('/api/auth/password-reset/confirm', { token, password }, { redirectOn401: false }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) return setProblem('short');
    if (password !== confirm) return setProblem('mismatch');
    setProblem(null);
    reset.mutate();
  };

  let body;
  if (!token) {
    body = (
      <Alert role="alert" variant="outline" color="red.9" title={t('reset.noTokenTitle')}>
        <Text size="sm" c="gray.9">
          {t('reset.noTokenBody')}
        </Text>
      </Alert>
    );
  } else if (reset.isSuccess) {
    body = (
      <Notice
        role="status"
        tone="success"
        icon={<CheckIcon size={20} />}
        title={t('reset.doneTitle')}
      >
        <Text size="sm" c="gray.9">
          {t('reset.doneBody')}
        </Text>
      </Notice>
    );
  } else {
    body = (
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {reset.isError ? <ErrorAlert error={reset.error} /> : null}
          <PasswordInput
            label={t('password.new')}
            description={t('password.rules', { min: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={
              problem === 'short' ? t('password.tooShort', { min: MIN_PASSWORD_LENGTH }) : undefined
            }
            visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
          />
          <PasswordInput
            label={t('password.confirm')}
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={problem === 'mismatch' ? t('password.mismatch') : undefined}
            visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
          />
          <Button type="submit" loading={reset.isPending}>
            {t('reset.submit')}
          </Button>
        </Stack>
      </form>
    );
  }

  return (
    <AuthLayout title={t('reset.title')} description={token ? t('reset.description') : undefined}>
      {body}
      <Anchor
        component={Link}
        to={reset.isSuccess ? '/login' : token ? '/login' : '/forgot-password'}
        size="sm"
        c="simpul.8"
        underline="always"
      >
        {reset.isSuccess || token ? t('forgot.backToSignIn') : t('reset.requestNew')}
      </Anchor>
    </AuthLayout>
  );
}

import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { http } from '../../http';
import { ErrorAlert, Notice } from '../../components/states';
import { CheckIcon } from '../../components/icons';
import { AuthLayout } from './AuthLayout';

/** Asks for a reset link. The answer never says whether the account exists. */
export function ForgotPasswordPage() {
  const { t } = useTranslation('console');
  const [login, setLogin] = useState('');
  const [missing, setMissing] = useState(false);
  const request = useMutation({
    mutationFn: (value: string) =>
      http.post('/api/auth/password-reset', { login: value }, { redirectOn401: false }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (login.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    request.mutate(login.trim());
  };

  return (
    <AuthLayout title={t('forgot.title')} description={t('forgot.description')}>
      {request.isSuccess ? (
        <Notice
          role="status"
          tone="success"
          icon={<CheckIcon size={20} />}
          title={t('forgot.sentTitle')}
        >
          <Text size="sm" c="gray.9">
            {t('forgot.sentBody')}
          </Text>
        </Notice>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {request.isError ? <ErrorAlert error={request.error} /> : null}
            <TextInput
              label={t('signIn.login')}
              description={t('signIn.loginHint')}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={login}
              onChange={(e) => setLogin(e.currentTarget.value)}
              error={missing ? t('signIn.loginRequired') : undefined}
            />
            <Button type="submit" loading={request.isPending}>
              {t('forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" size="sm" c="simpul.8" underline="always">
        {t('forgot.backToSignIn')}
      </Anchor>
    </AuthLayout>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { Button, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { ErrorAlert, PageHeader, Notice } from '../../components/states';
import { CheckIcon } from '../../components/icons';
import { http } from '../../http';
import { MIN_PASSWORD_LENGTH } from '../auth/ResetPasswordPage';

export function PasswordPage() {
  const { t } = useTranslation('console');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<null | 'current' | 'short' | 'mismatch'>(null);
  const change = useMutation({
    mutationFn: () =>
      http.post('/api/auth/password', { currentPassword: current, newPassword: next }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setConfirm('');
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (current === '') return setProblem('current');
    if (next.length < MIN_PASSWORD_LENGTH) return setProblem('short');
    if (next !== confirm) return setProblem('mismatch');
    setProblem(null);
    change.mutate();
  };

  return (
    <>
      <PageHeader title={t('password.title')} description={t('password.description')} />
      <Paper withBorder p="lg" radius="md" maw={560}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {change.isSuccess ? (
              <Notice
                role="status"
                tone="success"
                icon={<CheckIcon size={20} />}
                title={t('password.changed')}
              >
                <Text size="sm" c="gray.9">
                  {t('password.changedBody')}
                </Text>
              </Notice>
            ) : null}
            {change.isError ? <ErrorAlert error={change.error} /> : null}
            <PasswordInput
              label={t('password.current')}
              autoComplete="current-password"
              required
              value={current}
              onChange={(e) => setCurrent(e.currentTarget.value)}
              error={problem === 'current' ? t('password.currentRequired') : undefined}
              visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
            />
            <PasswordInput
              label={t('password.new')}
              description={t('password.rules', { min: MIN_PASSWORD_LENGTH })}
              autoComplete="new-password"
              required
              value={next}
              onChange={(e) => setNext(e.currentTarget.value)}
              error={
                problem === 'short'
                  ? t('password.tooShort', { min: MIN_PASSWORD_LENGTH })
                  : undefined
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
            <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('password.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </>
  );
}

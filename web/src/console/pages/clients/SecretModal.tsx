import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { AlertIcon } from '../../../components/icons';
import { CheckIcon, CopyIcon } from '../../components/icons';

/** The client secret, shown exactly once, with a copy button; closing needs a confirmation. */
export function SecretModal({
  clientId,
  secret,
  onClose,
}: {
  clientId: string;
  secret: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('data');
  const [stored, setStored] = useState(false);
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={() => stored && onClose()}
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
      title={t('clients.secretTitle')}
      size="lg"
    >
      <Stack gap="md">
        <Alert
          color="orange.9"
          variant="outline"
          icon={<AlertIcon size={20} />}
          title={t('clients.secretWarningTitle')}
        >
          <Text size="sm" c="gray.9">
            {t('clients.secretWarning')}
          </Text>
        </Alert>
        <Text size="sm">
          {t('clients.clientId')}: <Code>{clientId}</Code>
        </Text>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={t('clients.secret')}
            value={secret}
            readOnly
            style={{ flex: 1 }}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="client-secret"
          />
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button
                variant={copied ? 'light' : 'filled'}
                leftSection={copied ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
                onClick={copy}
              >
                {copied ? t('clients.copied') : t('clients.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <div aria-live="polite" />
        <Checkbox
          label={t('clients.secretStored')}
          checked={stored}
          onChange={(e) => setStored(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button disabled={!stored} onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

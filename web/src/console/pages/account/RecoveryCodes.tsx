import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Code, Group, SimpleGrid, Stack, Text, VisuallyHidden } from '@mantine/core';
import { CheckIcon, CopyIcon, DownloadIcon } from '../../components/icons';
import { useTenant } from '../../tenant';
import { Notice } from '../../components/states';

/** The freshly issued recovery codes, shown once, with copy and download. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation('console');
  const { tenant } = useTenant();
  const [copied, setCopied] = useState(false);
  const text = codes.join('\n');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  const download = () => {
    const header = `${t('recovery.fileHeader', { tenant: tenant?.name ?? 'Simpul' })}\n\n`;
    const blob = new Blob([header + text + '\n'], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'simpul-recovery-codes.txt';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <Stack gap="md" data-testid="recovery-codes">
      <Notice tone="warning" title={t('recovery.title')} role="status">
        <Text size="sm" c="gray.9">
          {t('recovery.body', { count: codes.length })}
        </Text>
      </Notice>
      <SimpleGrid
        component="ol"
        cols={{ base: 1, xs: 2 }}
        spacing="xs"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={t('recovery.listLabel')}
      >
        {codes.map((c) => (
          <li key={c}>
            <Code fz="md" c="gray.9" bg="gray.1" px="sm" py={4} display="block">
              {c}
            </Code>
          </li>
        ))}
      </SimpleGrid>
      <Group gap="sm">
        <Button
          variant="outline"
          leftSection={copied ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
          onClick={() => void copy()}
        >
          {copied ? t('recovery.copied') : t('recovery.copy')}
        </Button>
        <Button variant="outline" leftSection={<DownloadIcon size={16} />} onClick={download}>
          {t('recovery.download')}
        </Button>
        <Button onClick={onDone}>{t('recovery.saved')}</Button>
      </Group>
      <VisuallyHidden aria-live="polite">{copied ? t('recovery.copied') : ''}</VisuallyHidden>
    </Stack>
  );
}

import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Code,
  FileInput,
  Group,
  Paper,
  Progress,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { CheckIcon, DownloadIcon } from '../../components/icons';
import { ErrorAlert, PageHeader } from '../../components/states';
import { DataTable } from './common';
import { IMPORT_COLUMNS, type ImportMode, type ImportReport } from './types';
import { uploadImport } from './upload';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number }
  | { kind: 'processing' }
  | { kind: 'done'; report: ImportReport; refused: boolean }
  | { kind: 'failed'; error: unknown };

const MAX_BYTES = 20 * 1024 * 1024;

/** Employee import from CSV or XLSX: upload with progress, then the per-row report. */
export function ImportPage() {
  const { t } = useTranslation('data');
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [dryRun, setDryRun] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [fileError, setFileError] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const busy = phase.kind === 'uploading' || phase.kind === 'processing';
  const progressText =
    phase.kind === 'uploading'
      ? t('import.uploading', { percent: phase.percent })
      : t('import.processing');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setFileError(t('import.fileRequired'));
    if (!/\.(csv|xlsx)$/i.test(file.name)) return setFileError(t('import.fileType'));
    if (file.size > MAX_BYTES) return setFileError(t('import.fileTooLarge'));
    setFileError(null);
    setPhase({ kind: 'uploading', percent: 0 });
    try {
      const outcome = await uploadImport(
        file,
        { mode, dryRun },
        {
          onProgress: (sent, total) =>
            setPhase((p) =>
              p.kind === 'uploading'
                ? { kind: 'uploading', percent: total ? Math.round((sent / total) * 100) : 0 }
                : p,
            ),
          onUploaded: () => setPhase({ kind: 'processing' }),
        },
      );
      setPhase({ kind: 'done', ...outcome });
      if (!outcome.refused && !outcome.report.dryRun) {
        await client.invalidateQueries({ queryKey: ['org', 'employees'] });
      }
    } catch (error) {
      setPhase({ kind: 'failed', error });
    }
    window.setTimeout(() => resultRef.current?.focus(), 0);
  };

  return (
    <>
      <PageHeader title={t('import.title')} description={t('import.description')} />
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md">
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Stack gap="md">
              <Text size="sm">
                {t('import.columns')} <Code>{IMPORT_COLUMNS.join(', ')}</Code>
              </Text>
              <Text size="sm" c="gray.7">
                {t('import.templateHint')}{' '}
                <Anchor
                  c="simpul.8"
                  underline="always"
                  href="/api/org/employees/export?format=csv"
                  download
                  size="sm"
                >
                  <DownloadIcon size={14} /> {t('import.template')}
                </Anchor>
              </Text>
              <FileInput
                label={t('import.file')}
                description={t('import.fileHint')}
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                required
                clearable
                value={file}
                onChange={(f) => {
                  setFile(f);
                  setFileError(null);
                }}
                error={fileError}
                disabled={busy}
              />
              <Radio.Group
                label={t('import.mode')}
                value={mode}
                onChange={(v) => setMode(v as ImportMode)}
              >
                <Stack gap="xs" mt={4}>
                  <Radio
                    value="all_or_nothing"
                    label={t('import.modeAll')}
                    description={t('import.modeAllHint')}
                    disabled={busy}
                  />
                  <Radio
                    value="valid_only"
                    label={t('import.modeValid')}
                    description={t('import.modeValidHint')}
                    disabled={busy}
                  />
                </Stack>
              </Radio.Group>
              <Checkbox
                label={t('import.dryRun')}
                description={t('import.dryRunHint')}
                checked={dryRun}
                onChange={(e) => setDryRun(e.currentTarget.checked)}
                disabled={busy}
              />
              <Group>
                <Button type="submit" loading={busy}>
                  {dryRun ? t('import.check') : t('import.start')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>

        {busy ? (
          <Paper withBorder p="lg" radius="md">
            <Stack gap="xs">
              <Text size="sm" role="status" aria-live="polite">
                {progressText}
              </Text>
              <Progress
                aria-label={progressText}
                value={phase.kind === 'uploading' ? phase.percent : 100}
                striped={phase.kind === 'processing'}
                animated={phase.kind === 'processing'}
                size="lg"
                data-testid="import-progress"
              />
            </Stack>
          </Paper>
        ) : null}

        <div ref={resultRef} tabIndex={-1} style={{ outline: 'none' }}>
          {phase.kind === 'failed' ? <ErrorAlert error={phase.error} /> : null}
          {phase.kind === 'done' ? (
            <ImportResult report={phase.report} refused={phase.refused} />
          ) : null}
        </div>
      </Stack>
    </>
  );
}

function ImportResult({ report, refused }: { report: ImportReport; refused: boolean }) {
  const { t } = useTranslation('data');
  const stats: Array<[string, number]> = [
    ['totalRows', report.totalRows],
    ['created', report.created],
    ['updated', report.updated],
    ['unchanged', report.unchanged],
    ['skipped', report.skipped],
    ['invalidRows', report.invalidRows],
  ];
  const fieldLabel = (field: string) => (field === 'row' ? t('import.wholeRow') : field);
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('import.resultTitle')}
      </Title>
      {refused ? (
        <Alert color="red.9" variant="outline" role="alert" title={t('import.refusedTitle')}>
          <Text size="sm" c="gray.9">
            {t('import.refused', { count: report.invalidRows })}
          </Text>
        </Alert>
      ) : (
        <Alert
          color="green.9"
          variant="light"
          role="status"
          icon={<CheckIcon size={20} />}
          title={report.dryRun ? t('import.dryRunDone') : t('import.done')}
        >
          <Text size="sm" c="gray.9">
            {report.invalidRows > 0
              ? t('import.doneWithErrors', { count: report.invalidRows })
              : report.dryRun
                ? t('import.dryRunOk')
                : t('import.allSaved')}
          </Text>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm" component="dl" m={0}>
        {stats.map(([key, value]) => (
          <Paper key={key} withBorder p="sm" radius="md">
            <Text component="dt" size="xs" c="gray.7">
              {t(`import.stats.${key}`)}
            </Text>
            <Text component="dd" m={0} fw={700} size="xl" data-testid={`import-${key}`}>
              {value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {report.ignoredColumns.length > 0 ? (
        <Text size="sm" c="gray.7">
          {t('import.ignoredColumns', { columns: report.ignoredColumns.join(', ') })}
        </Text>
      ) : null}
      {report.errors.length > 0 ? (
        <>
          <Title order={3} size="h4">
            {t('import.errorsTitle')}
          </Title>
          <DataTable caption={t('import.errorsTitle')} minWidth={480}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('import.row')}</Table.Th>
                <Table.Th scope="col">{t('import.field')}</Table.Th>
                <Table.Th scope="col">{t('import.message')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.errors.map((e, i) => (
                <Table.Tr key={`${e.row}-${e.field}-${i}`}>
                  <Table.Td>{e.row}</Table.Td>
                  <Table.Td>
                    <Code>{fieldLabel(e.field)}</Code>
                  </Table.Td>
                  <Table.Td>{e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
          {report.errorsTruncated ? (
            <Text size="sm" c="gray.7">
              {t('import.errorsTruncated', { count: report.errors.length })}
            </Text>
          ) : null}
        </>
      ) : null}
      <Group>
        <Button component={Link} to="/console/org/employees" variant="default">
          {t('import.toEmployees')}
        </Button>
      </Group>
    </Stack>
  );
}

import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Anchor,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { hasPermission, useCurrentUser } from '../../auth';
import { CountChart, TrendChart } from '../../components/charts';
import { DownloadIcon } from '../../components/icons';
import { EmptyState, ErrorAlert, Notice, PageHeader, PageLoader } from '../../components/states';
import { apiUrl, http } from '../../http';
import { useDates } from '../../tenant';
import { agencyOptions, DataTable, Pager, useAllAgencies } from '../org/common';
import { FindingsList } from './FindingsList';
import { localized, SEVERITIES, type FindingList, type Summary } from './types';

const PAGE_SIZE = 20;

function scoreText(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : `${Math.round(Number(score) * 10) / 10}`;
}

/** /console/compliance: scores per agency and regulation, the trend, the worst findings. */
export function DashboardPage() {
  const { t, i18n } = useTranslation('compliance');
  const me = useCurrentUser();
  const dates = useDates();
  const client = useQueryClient();
  const agencies = useAllAgencies();
  const language = i18n.resolvedLanguage ?? 'id';
  const canRun = hasPermission(me, 'compliance:evaluation:run');
  const canException = hasPermission(me, 'compliance:exception:write');
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [severity, setSeverity] = useState<string | null>(null);
  const [regulation, setRegulation] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [reportAgency, setReportAgency] = useState<string | null>(null);

  const summary = useQuery({
    queryKey: ['compliance', 'summary'],
    queryFn: ({ signal }) => http.get<Summary>('/api/compliance/summary', undefined, signal),
  });
  const findings = useQuery({
    queryKey: ['compliance', 'findings', { agencyId, severity, regulation, page }],
    queryFn: ({ signal }) =>
      http.get<FindingList>(
        '/api/compliance/findings',
        { state: 'open', agencyId, severity, regulation, page, pageSize: PAGE_SIZE },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  // The number of open findings, whatever the list below is filtered to.
  const openCount = useQuery({
    queryKey: ['compliance', 'findings', 'open-count'],
    queryFn: ({ signal }) =>
      http.get<FindingList>('/api/compliance/findings', { state: 'open', pageSize: 1 }, signal),
  });
  const evaluate = useMutation({
    mutationFn: () => http.post('/api/compliance/evaluate', {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['compliance'] }),
  });

  const s = summary.data;
  const filtered = Boolean(agencyId || severity || regulation);

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        description={t('dashboard.description')}
        actions={
          <>
            <Button component={Link} to="/console/compliance/rules" variant="default">
              {t('dashboard.rules')}
            </Button>
            {canRun ? (
              <Button onClick={() => evaluate.mutate()} loading={evaluate.isPending}>
                {t('dashboard.evaluate')}
              </Button>
            ) : null}
          </>
        }
      />
      <Stack gap="lg">
        {evaluate.isError ? <ErrorAlert error={evaluate.error} /> : null}
        {evaluate.isSuccess ? (
          <Notice tone="success" title={t('dashboard.evaluated')} role="status" />
        ) : null}
        {summary.isPending ? (
          <PageLoader rows={5} />
        ) : summary.isError ? (
          <ErrorAlert
            error={summary.error}
            onRetry={() => void summary.refetch()}
            retrying={summary.isFetching}
          />
        ) : (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <Paper withBorder p="md" radius="md">
                <Text size="sm" c="gray.7">
                  {t('dashboard.score')}
                </Text>
                <Text
                  fz={40}
                  fw={700}
                  data-testid="overall-score"
                  style={{ fontVariantNumeric: 'tabular-nums' }}
                >
                  {scoreText(s!.score)}
                </Text>
                <Text size="xs" c="gray.7">
                  {t('dashboard.scoreHint')}
                </Text>
              </Paper>
              <Paper withBorder p="md" radius="md">
                <Text size="sm" c="gray.7">
                  {t('dashboard.open')}
                </Text>
                <Text
                  fz={40}
                  fw={700}
                  data-testid="open-findings"
                  style={{ fontVariantNumeric: 'tabular-nums' }}
                >
                  {openCount.data?.total ?? '—'}
                </Text>
              </Paper>
              <Paper withBorder p="md" radius="md">
                <Text size="sm" c="gray.7">
                  {t('dashboard.lastEvaluation')}
                </Text>
                <Text fw={600} mt={6}>
                  {s!.lastEvaluation
                    ? dates.dateTime(s!.lastEvaluation.startedAt)
                    : t('dashboard.never')}
                </Text>
              </Paper>
            </SimpleGrid>

            <TrendChart
              title={t('dashboard.trend')}
              data={s!.trend
                .filter((p) => p.score !== null)
                .map((p) => ({ label: dates.date(`${p.day}T12:00:00Z`), value: Number(p.score) }))}
              valueLabel={t('dashboard.scoreShort')}
              labelHeader={t('dashboard.day')}
              testId="trend-chart"
            />

            <section aria-labelledby="by-agency-title">
              <Title order={2} size="h3" id="by-agency-title" mb="sm">
                {t('dashboard.byAgency')}
              </Title>
              <Stack gap="md">
                <CountChart
                  title={t('dashboard.byAgencyChart')}
                  data={s!.byAgency
                    .filter((a) => a.score !== null)
                    .map((a) => ({ label: a.agencyName, value: Number(a.score) }))}
                  valueLabel={t('dashboard.scoreShort')}
                  labelHeader={t('dashboard.agency')}
                  horizontal
                  max={100}
                  testId="agency-chart"
                />
                {s!.byAgency.length === 0 ? null : (
                  <DataTable caption={t('dashboard.byAgency')} minWidth={520}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('dashboard.agency')}</Table.Th>
                        <Table.Th scope="col" ta="right">
                          {t('dashboard.scoreShort')}
                        </Table.Th>
                        <Table.Th scope="col" ta="right">
                          {t('dashboard.openShort')}
                        </Table.Th>
                        <Table.Th scope="col">{t('dashboard.report')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {[...s!.byAgency]
                        .sort((a, b) => Number(a.score ?? 101) - Number(b.score ?? 101))
                        .map((a) => (
                          <Table.Tr key={a.agencyId}>
                            <Table.Th scope="row" fw={500}>
                              {a.agencyName}
                            </Table.Th>
                            <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                              {scoreText(a.score)}
                            </Table.Td>
                            <Table.Td ta="right">{a.open}</Table.Td>
                            <Table.Td>
                              <Anchor
                                href={apiUrl('/api/compliance/report.pdf', {
                                  agencyId: a.agencyId,
                                })}
                                target="_blank"
                                c="simpul.8"
                                underline="always"
                                size="sm"
                                aria-label={t('dashboard.reportNamed', { name: a.agencyName })}
                              >
                                {t('dashboard.reportPdf')}
                              </Anchor>
                            </Table.Td>
                          </Table.Tr>
                        ))}
                    </Table.Tbody>
                  </DataTable>
                )}
              </Stack>
            </section>

            <section aria-labelledby="by-regulation-title">
              <Title order={2} size="h3" id="by-regulation-title" mb="sm">
                {t('dashboard.byRegulation')}
              </Title>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                <CountChart
                  title={t('dashboard.byRegulationChart')}
                  data={s!.byRegulation
                    .filter((r) => r.score !== null)
                    .map((r) => ({ label: r.code, value: Number(r.score) }))}
                  valueLabel={t('dashboard.scoreShort')}
                  labelHeader={t('dashboard.regulation')}
                  max={100}
                />
                <DataTable caption={t('dashboard.byRegulation')} minWidth={360}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('dashboard.regulation')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('dashboard.scoreShort')}
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('dashboard.openShort')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {s!.byRegulation.map((r) => (
                      <Table.Tr key={r.code}>
                        <Table.Th scope="row" fw={500}>
                          {r.code}
                          {r.title ? (
                            <Text size="xs" c="gray.7" fw={400}>
                              {localized(r.title, language)}
                            </Text>
                          ) : null}
                        </Table.Th>
                        <Table.Td ta="right">{scoreText(r.score)}</Table.Td>
                        <Table.Td ta="right">{r.open}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </DataTable>
              </SimpleGrid>
            </section>
          </>
        )}

        <section aria-labelledby="report-title">
          <Title order={2} size="h3" id="report-title" mb="sm">
            {t('dashboard.reportTitle')}
          </Title>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label={t('dashboard.agency')}
              searchable
              clearable
              data={agencyOptions(agencies.data)}
              value={reportAgency}
              onChange={setReportAgency}
              w={{ base: '100%', sm: 360 }}
            />
            {reportAgency ? (
              <Button
                component="a"
                href={apiUrl('/api/compliance/report.pdf', { agencyId: reportAgency })}
                target="_blank"
                variant="default"
                leftSection={<DownloadIcon size={16} />}
              >
                {t('dashboard.reportAgency')}
              </Button>
            ) : (
              <Button variant="default" disabled leftSection={<DownloadIcon size={16} />}>
                {t('dashboard.reportAgency')}
              </Button>
            )}
          </Group>
        </section>

        <section aria-labelledby="findings-title">
          <Title order={2} size="h3" id="findings-title" mb="xs">
            {t('dashboard.findings')}
          </Title>
          <Text size="sm" c="gray.7" mb="sm">
            {t('dashboard.findingsHint')}
          </Text>
          <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
            <Select
              label={t('dashboard.agency')}
              placeholder={t('common.all')}
              searchable
              clearable
              data={agencyOptions(agencies.data)}
              value={agencyId}
              onChange={(v) => {
                setAgencyId(v);
                setPage(1);
              }}
              w={{ base: '100%', sm: 300 }}
            />
            <Select
              label={t('dashboard.severity')}
              placeholder={t('common.all')}
              clearable
              data={SEVERITIES.map((v) => ({ value: v, label: t(`severity.${v}`) }))}
              value={severity}
              onChange={(v) => {
                setSeverity(v);
                setPage(1);
              }}
              w={{ base: '100%', sm: 180 }}
            />
            <Select
              label={t('dashboard.regulation')}
              placeholder={t('common.all')}
              clearable
              data={(s?.byRegulation ?? []).map((r) => ({ value: r.code, label: r.code }))}
              value={regulation}
              onChange={(v) => {
                setRegulation(v);
                setPage(1);
              }}
              w={{ base: '100%', sm: 180 }}
            />
          </Group>
          {findings.isPending ? (
            <PageLoader rows={4} />
          ) : findings.isError ? (
            <ErrorAlert error={findings.error} onRetry={() => void findings.refetch()} />
          ) : findings.data.items.length === 0 ? (
            <EmptyState title={filtered ? t('dashboard.noMatch') : t('dashboard.noFindings')} />
          ) : (
            <>
              <FindingsList findings={findings.data.items} canException={canException} />
              <Pager
                offset={(page - 1) * PAGE_SIZE}
                limit={PAGE_SIZE}
                count={findings.data.items.length}
                total={findings.data.total}
                onChange={(offset) => setPage(Math.floor(offset / PAGE_SIZE) + 1)}
              />
            </>
          )}
        </section>
      </Stack>
    </>
  );
}

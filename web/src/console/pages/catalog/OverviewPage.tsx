import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { hasPermission, useCurrentUser } from '../../auth';
import { CountChart } from '../../components/charts';
import { DownloadIcon } from '../../components/icons';
import { EmptyState, ErrorAlert, Notice, PageHeader, PageLoader } from '../../components/states';
import { apiUrl, http } from '../../http';
import { enumLabel } from './common';
import { RECORD_KINDS, SEGMENTS, type Counts, type Overview } from './types';

/** /console/catalog: the registry per architecture domain, with charts. */
export function OverviewPage() {
  const { t } = useTranslation('catalog');
  const me = useCurrentUser();
  const overview = useQuery({
    queryKey: ['catalog', 'overview'],
    queryFn: ({ signal }) => http.get<Overview>('/api/catalog/overview', undefined, signal),
  });
  const canReview = hasPermission(me, 'catalog:record:approve');
  const canWrite = hasPermission(me, 'catalog:record:write');

  const counts = (list: Counts | undefined, enumKey: string) =>
    (list ?? []).map((c) => ({ label: enumLabel(t, enumKey, c.value), value: c.count }));

  return (
    <>
      <PageHeader title={t('overview.title')} description={t('overview.description')} />
      {overview.isPending ? (
        <PageLoader rows={6} />
      ) : overview.isError ? (
        <ErrorAlert
          error={overview.error}
          onRetry={() => void overview.refetch()}
          retrying={overview.isFetching}
        />
      ) : (
        <Stack gap="lg">
          {overview.data.pendingChanges > 0 && (canReview || canWrite) ? (
            <Notice tone="warning" title={t('overview.pendingTitle')} role="status">
              <Text size="sm">
                {t('overview.pending', { count: overview.data.pendingChanges })}{' '}
                <Anchor
                  component={Link}
                  to="/console/catalog/changes"
                  c="simpul.8"
                  underline="always"
                >
                  {canReview ? t('overview.openQueue') : t('overview.openProposals')}
                </Anchor>
              </Text>
            </Notice>
          ) : null}
          <section aria-labelledby="overview-domains">
            <Title order={2} size="h3" id="overview-domains" mb="sm">
              {t('overview.domains')}
            </Title>
            <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
              {RECORD_KINDS.map((kind) => (
                <Paper key={kind} withBorder p="md" radius="md">
                  <Text size="sm" c="gray.7">
                    {t(`kinds.${kind}.plural`)}
                  </Text>
                  <Text
                    fz={28}
                    fw={700}
                    style={{ fontVariantNumeric: 'tabular-nums' }}
                    data-testid={`total-${kind}`}
                  >
                    {overview.data.totals[kind] ?? 0}
                  </Text>
                  <Anchor
                    component={Link}
                    to={`/console/catalog/${SEGMENTS[kind]}`}
                    c="simpul.8"
                    underline="always"
                    size="sm"
                    aria-label={t('overview.openList', { name: t(`kinds.${kind}.plural`) })}
                  >
                    {t('overview.open')}
                  </Anchor>
                </Paper>
              ))}
            </SimpleGrid>
          </section>
          {Object.values(overview.data.totals).every((n) => !n) ? (
            <EmptyState
              title={t('overview.empty')}
              body={canWrite ? t('overview.emptyHint') : undefined}
            />
          ) : (
            <>
              <section aria-labelledby="overview-apps">
                <Title order={2} size="h3" id="overview-apps" mb="sm">
                  {t('kinds.application.plural')}
                </Title>
                <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                  <CountChart
                    title={t('overview.byLifecycle')}
                    data={counts(overview.data.applications.byLifecycle, 'lifecycle')}
                    valueLabel={t('overview.count')}
                    labelHeader={t('fields.lifecycle')}
                    testId="chart-lifecycle"
                  />
                  <CountChart
                    title={t('overview.byHosting')}
                    data={counts(overview.data.applications.byHosting, 'hosting')}
                    valueLabel={t('overview.count')}
                    labelHeader={t('fields.hosting')}
                    horizontal
                  />
                  <CountChart
                    title={t('overview.bySecurityClass')}
                    data={counts(overview.data.applications.bySecurityClass, 'securityClass')}
                    valueLabel={t('overview.count')}
                    labelHeader={t('fields.securityClass')}
                  />
                  <CountChart
                    title={t('overview.byAppKind')}
                    data={counts(overview.data.applications.byKind, 'applicationKind')}
                    valueLabel={t('overview.count')}
                    labelHeader={t('fields.kind')}
                  />
                </SimpleGrid>
              </section>
              <section aria-labelledby="overview-agencies">
                <Title order={2} size="h3" id="overview-agencies" mb="sm">
                  {t('overview.byAgencyTitle')}
                </Title>
                <CountChart
                  title={t('overview.appsByAgency')}
                  data={overview.data.byAgency
                    .map((a) => ({ label: a.agencyName ?? '—', value: a.application ?? 0 }))
                    .filter((a) => a.value > 0)
                    .sort((a, b) => b.value - a.value)}
                  valueLabel={t('overview.count')}
                  labelHeader={t('fields.agencyId')}
                  horizontal
                />
              </section>
              <section aria-labelledby="overview-other">
                <Title order={2} size="h3" id="overview-other" mb="sm">
                  {t('overview.otherDomains')}
                </Title>
                <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                  <CountChart
                    title={t('overview.dataByGroup')}
                    data={counts(overview.data.dataAssets.byDatabaseGroup, 'databaseGroup')}
                    valueLabel={t('overview.count')}
                    labelHeader={t('fields.databaseGroup')}
                    horizontal
                  />
                  <CountChart
                    title={t('overview.infraByKind')}
                    data={counts(overview.data.infrastructure.byKind, 'infraKind')}
                    valueLabel={t('overview.count')}
                    labelHeader={t('fields.kind')}
                    horizontal
                  />
                  <CountChart
                    title={t('overview.servicesByKind')}
                    data={counts(overview.data.services.byKind, 'serviceKind')}
                    valueLabel={t('overview.count')}
                    labelHeader={t('fields.kind')}
                  />
                  <CountChart
                    title={t('overview.dataByClassification')}
                    data={counts(overview.data.dataAssets.byClassification, 'classification')}
                    valueLabel={t('overview.count')}
                    labelHeader={t('fields.classification')}
                  />
                </SimpleGrid>
              </section>
            </>
          )}
          <section aria-labelledby="overview-exports">
            <Title order={2} size="h3" id="overview-exports" mb="sm">
              {t('overview.exports')}
            </Title>
            <Group gap="lg" wrap="wrap">
              {[
                { href: apiUrl('/api/catalog/export', { format: 'xlsx' }), key: 'xlsx' },
                { href: '/api/catalog/export/backstage', key: 'backstage' },
                {
                  href: apiUrl('/api/catalog/export/architecture.pdf', { domain: 'all' }),
                  key: 'pdf',
                },
              ].map((l) => (
                <Anchor
                  key={l.key}
                  href={l.href}
                  c="simpul.8"
                  underline="always"
                  size="sm"
                  download
                >
                  <Group gap={4} component="span" wrap="nowrap">
                    <DownloadIcon size={16} />
                    {t(`overview.export_${l.key}`)}
                  </Group>
                </Anchor>
              ))}
            </Group>
          </section>
        </Stack>
      )}
    </>
  );
}

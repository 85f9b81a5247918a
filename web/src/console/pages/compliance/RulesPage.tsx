import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Badge, Box, Group, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { EmptyState, ErrorAlert, PageHeader, PageLoader } from '../../components/states';
import { http } from '../../http';
import { useDebounced } from '../org/common';
import { CitedArticles, SeverityBadge } from './FindingsList';
import { citedTexts, localized, type Rule } from './types';

function asRules(body: unknown): Rule[] {
  if (Array.isArray(body)) return body as Rule[];
  if (body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items)) {
    return (body as { items: Rule[] }).items;
  }
  return [];
}

/** /console/compliance/rules: every rule, its citation, and whether it applies here. */
export function RulesPage() {
  const { t, i18n } = useTranslation('compliance');
  const language = i18n.resolvedLanguage ?? 'id';
  const [show, setShow] = useState<'all' | 'applies' | 'not'>('all');
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim().toLowerCase(), 150);
  const rules = useQuery({
    queryKey: ['compliance', 'rules'],
    queryFn: async ({ signal }) =>
      asRules(await http.get<unknown>('/api/compliance/rules', undefined, signal)),
  });
  const shown = (rules.data ?? []).filter((r) => {
    if (show === 'applies' && !r.applies) return false;
    if (show === 'not' && r.applies) return false;
    if (!query) return true;
    return [
      r.id,
      r.citation ?? '',
      ...(r.citations ?? []).map((c) => c.label),
      localized(r.title, language),
      localized(r.explanation, language),
    ]
      .join(' ')
      .toLowerCase()
      .includes(query);
  });
  const appliesTo = (r: Rule) =>
    (Array.isArray(r.appliesTo) ? r.appliesTo : [r.appliesTo])
      .map((k) => t(`appliesTo.${k}`, { defaultValue: k }))
      .join(', ');

  return (
    <>
      <PageHeader title={t('rules.title')} description={t('rules.description')} />
      <Stack gap="md">
        <Group gap="md" align="flex-end" wrap="wrap">
          <TextInput
            label={t('rules.search')}
            type="search"
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            w={{ base: '100%', sm: 300 }}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="rules-show-label">
              {t('rules.show')}
            </Text>
            <SegmentedControl
              aria-labelledby="rules-show-label"
              value={show}
              onChange={(v) => setShow(v as typeof show)}
              data={[
                { value: 'all', label: t('rules.all') },
                { value: 'applies', label: t('rules.appliesOnly') },
                { value: 'not', label: t('rules.notApplies') },
              ]}
            />
          </Stack>
        </Group>
        {rules.isPending ? (
          <PageLoader rows={6} />
        ) : rules.isError ? (
          <ErrorAlert
            error={rules.error}
            onRetry={() => void rules.refetch()}
            retrying={rules.isFetching}
          />
        ) : shown.length === 0 ? (
          <EmptyState title={t('rules.empty')} />
        ) : (
          <>
            <Text size="sm" c="gray.7" aria-live="polite">
              {t('rules.count', { count: shown.length, total: rules.data.length })}
            </Text>
            <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {shown.map((r) => {
                const why = r.notApplicableReason ?? r.reason;
                return (
                  <Paper key={r.id} component="li" withBorder p="md" radius="md" data-testid="rule">
                    <Stack gap={6}>
                      <Group gap="xs" wrap="wrap">
                        <SeverityBadge severity={r.severity} />
                        <Text fw={600}>{localized(r.title, language)}</Text>
                      </Group>
                      <Group gap="md" wrap="wrap">
                        <Text size="sm" ff="monospace">
                          {r.citations?.length
                            ? r.citations.map((c) => c.label).join('; ')
                            : (r.citation ?? '')}
                        </Text>
                        <Text size="sm" c="gray.7">
                          {r.id}
                        </Text>
                        <Text size="sm" c="gray.7">
                          {t('rules.appliesTo', { what: appliesTo(r) })}
                        </Text>
                      </Group>
                      {r.explanation ? (
                        <Text size="sm">{localized(r.explanation, language)}</Text>
                      ) : null}
                      <CitedArticles texts={citedTexts(r.citations)} />
                      <Box>
                        {r.applies ? (
                          <Badge color="#1e5631" radius="sm">
                            {t('rules.applies')}
                          </Badge>
                        ) : (
                          <Group gap="xs">
                            <Badge color="gray.8" variant="outline" radius="sm">
                              {t('rules.doesNotApply')}
                            </Badge>
                            {why ? (
                              <Text size="sm" c="gray.8">
                                {t(`rules.reason.${why}`, {
                                  defaultValue: why,
                                  by: r.revokedBy ?? '',
                                })}
                              </Text>
                            ) : null}
                          </Group>
                        )}
                      </Box>
                    </Stack>
                  </Paper>
                );
              })}
            </Stack>
          </>
        )}
      </Stack>
    </>
  );
}

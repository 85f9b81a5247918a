/** Findings as cards: severity, the rule, its citation and the article text; exceptions. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { ErrorAlert } from '../../components/states';
import { http } from '../../http';
import { useDates } from '../../tenant';
import { fieldErrors } from '../org/common';
import { SEGMENTS, type RecordKind } from '../catalog/types';
import {
  citedTexts,
  findingArticleText,
  findingCitation,
  findingExplanation,
  findingTitle,
  type Finding,
  type Severity,
} from './types';

const SEVERITY_COLORS: Record<Severity, string> = {
  critical: 'red.9',
  high: '#9c3a0a',
  medium: '#7a4f01',
  low: 'gray.8',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation('compliance');
  return (
    <Badge
      color={SEVERITY_COLORS[severity] ?? 'gray.8'}
      variant={severity === 'critical' || severity === 'high' ? 'filled' : 'outline'}
      radius="sm"
      styles={severity === 'medium' ? { root: { color: '#7a4f01' } } : undefined}
    >
      {t(`severity.${severity}`, { defaultValue: severity })}
    </Badge>
  );
}

/** Console path of the record a finding is about. */
export function findingRecordPath(f: Finding): string | null {
  if (f.recordKind === 'agency') return `/console/org/agencies/${f.recordId}`;
  const seg = SEGMENTS[f.recordKind as RecordKind];
  return seg ? `/console/catalog/${seg}/${f.recordId}` : null;
}

/** Each cited article's text, behind a disclosure (native details: keyboard and reader friendly). */
export function CitedArticles({
  texts,
}: {
  texts: Array<{ label: string; text: string; standing?: string | undefined }>;
}) {
  const { t } = useTranslation('compliance');
  if (texts.length === 0) return null;
  return (
    <>
      {texts.map((c) => (
        <Box component="details" key={c.label} data-testid="article-text">
          <Box
            component="summary"
            style={{ cursor: 'pointer', color: 'var(--mantine-color-simpul-8)' }}
          >
            <Text span size="sm" fw={600}>
              {t('findings.articleText', { citation: c.label })}
            </Text>
            {c.standing === 'revoked' || c.standing === 'not_in_profile' ? (
              <Text span size="sm" c="gray.8">
                {' '}
                ({t(`standing.${c.standing}`)})
              </Text>
            ) : null}
          </Box>
          <Box
            component="blockquote"
            m={0}
            mt={6}
            p="sm"
            style={{
              borderInlineStart: '3px solid var(--mantine-color-gray-5)',
              background: 'var(--mantine-color-gray-0)',
              whiteSpace: 'pre-wrap',
            }}
          >
            <Text size="sm">{c.text}</Text>
          </Box>
        </Box>
      ))}
    </>
  );
}

/** Detail keys whose values are registry choices, and the catalog labels they use. */
const DETAIL_ENUMS: Record<string, string> = {
  hosting: 'hosting',
  securityClass: 'securityClass',
  needed: 'securityClass',
  result: 'assessmentResult',
  kind: 'infraKind',
};
const DETAIL_HIDDEN = new Set(['duplicatesId']);

/** Values the rule named (the missing deliverables, the country, ...), as a short line. */
function detailLine(t: TFunction<'compliance'>, f: Finding): string {
  const catalogLabel = (enumKey: string, value: unknown) =>
    t(`${enumKey}.${String(value)}`, { ns: 'catalog', defaultValue: String(value) });
  const parts: string[] = [];
  for (const [key, value] of Object.entries(f.detail ?? {})) {
    if (DETAIL_HIDDEN.has(key) || value === null || value === undefined || value === '') continue;
    const label = t(`detail.${key}`, { defaultValue: key });
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      const shown = value.map((v) =>
        key === 'missing'
          ? t(`detail.missingItems.${String(v)}`, {
              defaultValue: catalogLabel('documentKinds', v),
            })
          : String(v),
      );
      parts.push(`${label}: ${shown.join(', ')}`);
    } else if (typeof value !== 'object') {
      const shown =
        key === 'reason'
          ? t(`detail.reasons.${String(value)}`, { defaultValue: String(value) })
          : DETAIL_ENUMS[key]
            ? catalogLabel(`enums.${DETAIL_ENUMS[key]}`, value)
            : String(value);
      parts.push(key === 'reason' ? shown : `${label}: ${shown}`);
    }
  }
  return parts.join(' · ');
}

export function FindingsList({
  findings,
  showRecord = true,
  canException = false,
}: {
  findings: Finding[];
  showRecord?: boolean;
  canException?: boolean;
}) {
  const { t, i18n } = useTranslation('compliance');
  const dates = useDates();
  const [excepting, setExcepting] = useState<Finding | null>(null);
  const client = useQueryClient();
  const revoke = useMutation({
    mutationFn: (id: string) => http.delete(`/api/compliance/exceptions/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['compliance'] }),
  });
  const language = i18n.resolvedLanguage ?? 'id';

  return (
    <>
      {revoke.isError ? <ErrorAlert error={revoke.error} /> : null}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {findings.map((f) => {
          const path = findingRecordPath(f);
          const article = findingArticleText(f);
          const explanation = findingExplanation(f, language);
          const detail = detailLine(t, f);
          return (
            <Paper
              key={f.id}
              component="li"
              withBorder
              p="md"
              radius="md"
              data-testid="finding"
              data-rule={f.ruleId}
            >
              <Stack gap={6}>
                <Group gap="xs" wrap="wrap">
                  <SeverityBadge severity={f.severity} />
                  <Text fw={600}>{findingTitle(f, language)}</Text>
                </Group>
                <Group gap="md" wrap="wrap">
                  <Text size="sm" ff="monospace" data-testid="finding-citation">
                    {findingCitation(f)}
                  </Text>
                  {showRecord ? (
                    <Text size="sm">
                      {path ? (
                        <Anchor component={Link} to={path} c="simpul.8" underline="always">
                          {f.recordName}
                        </Anchor>
                      ) : (
                        f.recordName
                      )}
                      {f.agencyName ? ` · ${f.agencyName}` : ''}
                    </Text>
                  ) : null}
                  {f.firstSeenAt ? (
                    <Text size="sm" c="gray.7">
                      {t('findings.since', { date: dates.dateTime(f.firstSeenAt) })}
                    </Text>
                  ) : null}
                </Group>
                {explanation ? <Text size="sm">{explanation}</Text> : null}
                {detail ? (
                  <Text size="sm" c="gray.8">
                    {detail}
                  </Text>
                ) : null}
                <CitedArticles
                  texts={citedTexts(f.citations, { label: findingCitation(f), text: article })}
                />
                {f.exception && !f.exception.revokedAt ? (
                  <Group gap="sm" wrap="wrap">
                    <Text size="sm" c="gray.8">
                      {t('findings.excepted', {
                        until: dates.date(f.exception.expiresOn),
                        by: f.exception.approvedByName ?? '—',
                      })}{' '}
                      — {f.exception.justification}
                    </Text>
                    {canException ? (
                      <Button
                        size="xs"
                        variant="default"
                        loading={revoke.isPending && revoke.variables === f.exception.id}
                        onClick={() => f.exception && revoke.mutate(f.exception.id)}
                        aria-label={t('exception.revokeNamed', {
                          rule: findingCitation(f),
                          record: f.recordName,
                        })}
                      >
                        {t('exception.revoke')}
                      </Button>
                    ) : null}
                  </Group>
                ) : canException && f.state === 'open' ? (
                  <Group>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setExcepting(f)}
                      aria-label={t('exception.openNamed', {
                        rule: findingCitation(f),
                        record: f.recordName,
                      })}
                    >
                      {t('exception.open')}
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            </Paper>
          );
        })}
      </Stack>
      {excepting ? <ExceptionModal finding={excepting} onClose={() => setExcepting(null)} /> : null}
    </>
  );
}

/** Accepts a finding as an exception: a justification and an expiry date. */
function ExceptionModal({ finding, onClose }: { finding: Finding; onClose: () => void }) {
  const { t } = useTranslation('compliance');
  const client = useQueryClient();
  const [justification, setJustification] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const save = useMutation({
    mutationFn: () =>
      http.post('/api/compliance/exceptions', {
        findingId: finding.id,
        justification: justification.trim(),
        expiresOn,
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['compliance'] });
      onClose();
    },
  });
  const errs = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need = { justification: justification.trim() === '', expiresOn: expiresOn === '' };
    setMissing(need);
    if (!need.justification && !need.expiresOn) save.mutate();
  };
  const err = (field: 'justification' | 'expiresOn') =>
    missing[field] ? t('common.required') : errs.fields[field];
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('exception.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            {t('exception.body', { rule: findingCitation(finding), record: finding.recordName })}
          </Text>
          {save.isError && errs.rest ? <ErrorAlert error={save.error} /> : null}
          <Textarea
            label={t('exception.justification')}
            required
            autosize
            minRows={3}
            maxLength={4000}
            value={justification}
            onChange={(e) => setJustification(e.currentTarget.value)}
            error={err('justification')}
          />
          <TextInput
            label={t('exception.expiresOn')}
            description={t('exception.expiresOnHint')}
            type="date"
            required
            value={expiresOn}
            onChange={(e) => setExpiresOn(e.currentTarget.value)}
            error={err('expiresOn')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('exception.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

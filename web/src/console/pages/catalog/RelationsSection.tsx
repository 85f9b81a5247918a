/** A record's relations: the diagram (dagre layout), the list, adding and removing. */
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { RelationsDiagram, type DiagramEdge, type DiagramNode } from '../../components/graph';
import { EmptyState, ErrorAlert, PageLoader } from '../../components/states';
import { http } from '../../http';
import { ConfirmModal, DataTable, useDebounced } from '../org/common';
import { asItems, recordPath, RecordLink } from './common';
import {
  RELATION_RULES,
  SEGMENTS,
  type CatalogGraph,
  type RecordKind,
  type RecordList,
  type Relation,
  type RelationType,
} from './types';

export function RelationsSection({
  kind,
  id,
  name,
  canWrite,
}: {
  kind: RecordKind;
  id: string;
  name: string;
  canWrite: boolean;
}) {
  const { t } = useTranslation('catalog');
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Relation | null>(null);
  const relations = useQuery({
    queryKey: ['catalog', 'relations', id],
    queryFn: async ({ signal }) =>
      asItems<Relation>(
        await http.get<unknown>('/api/catalog/relations', { recordId: id }, signal),
      ),
  });
  const graph = useQuery({
    queryKey: ['catalog', 'graph', kind, id],
    queryFn: ({ signal }) =>
      http.get<CatalogGraph>('/api/catalog/graph', { kind, id, depth: 2 }, signal),
  });
  const remove = useMutation({
    mutationFn: (relationId: string) => http.delete(`/api/catalog/relations/${relationId}`),
    onSuccess: async () => {
      setRemoving(null);
      await client.invalidateQueries({ queryKey: ['catalog'] });
      await client.invalidateQueries({ queryKey: ['compliance'] });
    },
  });
  const rules = RELATION_RULES.filter((r) => r.from === kind || r.to === kind);

  const diagram = useMemo(() => {
    const nodes: DiagramNode[] = (graph.data?.nodes ?? []).map((n) => ({
      id: n.id,
      name: n.name,
      group: n.kind,
      caption: t(`kinds.${n.kind}.one`),
      href: recordPath(n.kind, n.id),
    }));
    const edges: DiagramEdge[] = (graph.data?.edges ?? []).map((e) => ({
      id: e.id,
      from: e.from,
      to: e.to,
      label: t(`relationTypes.${e.type}`),
    }));
    return { nodes, edges };
  }, [graph.data, t]);

  const describe = (r: Relation) =>
    r.fromId === id
      ? {
          verb: t(`relationTypes.${r.type}`),
          otherKind: r.toKind,
          otherId: r.toId,
          otherName: r.toName ?? '—',
        }
      : {
          verb: t(`relationTypesInverse.${r.type}`),
          otherKind: r.fromKind,
          otherId: r.fromId,
          otherName: r.fromName ?? '—',
        };

  return (
    <section aria-labelledby="relations-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="relations-title">
          {t('relations.title')}
        </Title>
        {canWrite && rules.length > 0 ? (
          <Button size="xs" variant="default" onClick={() => setAdding(true)}>
            {t('relations.add')}
          </Button>
        ) : null}
      </Group>
      {relations.isPending ? (
        <PageLoader rows={2} />
      ) : relations.isError ? (
        <ErrorAlert error={relations.error} onRetry={() => void relations.refetch()} />
      ) : relations.data.length === 0 ? (
        <EmptyState
          title={t('relations.empty')}
          body={rules.length ? t('relations.emptyHint') : undefined}
        />
      ) : (
        <Stack gap="md">
          {graph.isError ? (
            <ErrorAlert error={graph.error} onRetry={() => void graph.refetch()} />
          ) : graph.data && diagram.nodes.length > 1 ? (
            <RelationsDiagram
              title={t('relations.diagramTitle', { name })}
              listTitle={t('relations.diagramList')}
              nodes={diagram.nodes}
              edges={diagram.edges}
              currentId={id}
            />
          ) : null}
          <DataTable caption={t('relations.listCaption', { name })} minWidth={520}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('relations.relation')}</Table.Th>
                <Table.Th scope="col">{t('relations.record')}</Table.Th>
                <Table.Th scope="col">{t('relations.kind')}</Table.Th>
                {canWrite ? (
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {relations.data.map((r) => {
                const d = describe(r);
                return (
                  <Table.Tr key={r.id}>
                    <Table.Td>{d.verb}</Table.Td>
                    <Table.Td>
                      <RecordLink kind={d.otherKind} id={d.otherId} name={d.otherName} />
                    </Table.Td>
                    <Table.Td>{t(`kinds.${d.otherKind}.one`)}</Table.Td>
                    {canWrite ? (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="#a51d1d"
                          onClick={() => setRemoving(r)}
                          aria-label={t('relations.removeNamed', {
                            verb: d.verb,
                            name: d.otherName,
                          })}
                        >
                          {t('relations.remove')}
                        </Button>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </DataTable>
        </Stack>
      )}
      {adding ? <AddRelationModal kind={kind} id={id} onClose={() => setAdding(false)} /> : null}
      <ConfirmModal
        opened={removing !== null}
        title={t('relations.removeTitle')}
        body={removing ? t('relations.removeBody', { name: describe(removing).otherName }) : ''}
        confirmLabel={t('relations.remove')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing.id)}
        onClose={() => setRemoving(null)}
      />
    </section>
  );
}

/** `supports:out` (this record → other) or `delivers:in` (other → this record). */
type Choice = `${RelationType}:${'out' | 'in'}:${RecordKind}`;

function AddRelationModal({
  kind,
  id,
  onClose,
}: {
  kind: RecordKind;
  id: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('catalog');
  const client = useQueryClient();
  const choices = RELATION_RULES.flatMap((r) => {
    const out: Array<{ value: Choice; label: string }> = [];
    if (r.from === kind) {
      out.push({
        value: `${r.type}:out:${r.to}`,
        label: `${t(`relationTypes.${r.type}`)} → ${t(`kinds.${r.to}.one`)}`,
      });
    }
    if (r.to === kind && !(r.from === kind && r.type !== 'runs_on' && r.type !== 'calls')) {
      out.push({
        value: `${r.type}:in:${r.from}`,
        label: `${t(`relationTypesInverse.${r.type}`)} ← ${t(`kinds.${r.from}.one`)}`,
      });
    }
    return out;
  });
  const [choice, setChoice] = useState<Choice | null>(choices[0]?.value ?? null);
  const [target, setTarget] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [missing, setMissing] = useState(false);
  const q = useDebounced(search.trim(), 250);
  const [type, direction, otherKind] = (choice ?? '::').split(':') as [
    RelationType,
    'out' | 'in',
    RecordKind,
  ];
  const candidates = useQuery({
    queryKey: ['catalog', 'records', otherKind, 'picker', q],
    queryFn: ({ signal }) =>
      http.get<RecordList>(
        `/api/catalog/${SEGMENTS[otherKind]}`,
        { q, pageSize: 50, sort: 'name' },
        signal,
      ),
    enabled: Boolean(choice),
  });
  const save = useMutation({
    mutationFn: () =>
      http.post('/api/catalog/relations', {
        type,
        fromKind: direction === 'out' ? kind : otherKind,
        fromId: direction === 'out' ? id : target,
        toKind: direction === 'out' ? otherKind : kind,
        toId: direction === 'out' ? target : id,
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['catalog'] });
      await client.invalidateQueries({ queryKey: ['compliance'] });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!target);
    if (choice && target) save.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('relations.addTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <Select
            label={t('relations.relation')}
            required
            allowDeselect={false}
            data={choices}
            value={choice}
            onChange={(v) => {
              setChoice(v as Choice | null);
              setTarget(null);
            }}
          />
          <Select
            label={t('relations.record')}
            required
            searchable
            onSearchChange={setSearch}
            filter={({ options }) => options}
            nothingFoundMessage={t('relations.noCandidates')}
            data={(candidates.data?.items ?? [])
              .filter((r) => r.id !== id)
              .map((r) => ({
                value: r.id,
                label: r.refCode ? `${r.name} (${r.refCode})` : r.name,
              }))}
            value={target}
            onChange={setTarget}
            error={missing ? t('form.required') : undefined}
          />
          <Text size="xs" c="gray.7">
            {t('relations.addHint')}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('relations.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Charts of the console (Mantine charts over recharts), each a named figure with its numbers
 * also in a table: the drawing is for the eye, the table for everyone else.
 */
import '@mantine/charts/styles.css';
import { useId } from 'react';
import { BarChart, LineChart } from '@mantine/charts';
import { Box, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';

export interface ChartDatum {
  label: string;
  value: number;
}

function DataTableAlt({
  caption,
  rows,
  valueLabel,
  labelHeader,
  visible,
}: {
  caption: string;
  rows: ChartDatum[];
  valueLabel: string;
  labelHeader: string;
  visible?: boolean;
}) {
  const table = (
    <Table withTableBorder striped verticalSpacing={4} fz="sm">
      <caption>
        <VisuallyHidden>{caption}</VisuallyHidden>
      </caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{labelHeader}</Table.Th>
          <Table.Th scope="col" ta="right">
            {valueLabel}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.label}>
            <Table.Td>{r.label}</Table.Td>
            <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {r.value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return visible ? table : <VisuallyHidden>{table}</VisuallyHidden>;
}

/** A bar per category (counts or scores). The numbers are repeated in a table for readers. */
export function CountChart({
  title,
  data,
  valueLabel,
  labelHeader,
  color = 'simpul.7',
  horizontal,
  showTable,
  max,
  testId,
}: {
  title: string;
  data: ChartDatum[];
  valueLabel: string;
  labelHeader: string;
  color?: string;
  horizontal?: boolean;
  showTable?: boolean;
  max?: number;
  testId?: string;
}) {
  const id = useId();
  const rows = data.map((d) => ({ label: d.label, [valueLabel]: d.value }));
  const height = horizontal ? Math.max(120, data.length * 30 + 40) : 220;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="figure"
      m={0}
      aria-labelledby={id}
      data-testid={testId}
    >
      <Title order={3} size="h5" id={id} mb="sm" component="figcaption">
        {title}
      </Title>
      {data.length === 0 ? (
        <Text size="sm" c="gray.7">
          —
        </Text>
      ) : (
        <>
          <Box aria-hidden="true" data-chart="bar">
            <BarChart
              h={height}
              data={rows}
              dataKey="label"
              orientation={horizontal ? 'vertical' : 'horizontal'}
              series={[{ name: valueLabel, color }]}
              tickLine="none"
              gridAxis={horizontal ? 'x' : 'y'}
              withTooltip
              // Counts are whole numbers; scores run from 0 to `max`.
              xAxisProps={
                horizontal
                  ? { allowDecimals: false, ...(max !== undefined ? { domain: [0, max] } : {}) }
                  : {}
              }
              yAxisProps={
                horizontal
                  ? { width: 140 }
                  : { allowDecimals: false, ...(max !== undefined ? { domain: [0, max] } : {}) }
              }
              barChartProps={{ accessibilityLayer: false }}
            />
          </Box>
          <DataTableAlt
            caption={title}
            rows={data}
            valueLabel={valueLabel}
            labelHeader={labelHeader}
            visible={showTable}
          />
        </>
      )}
    </Paper>
  );
}

/** A line over days (e.g. the compliance score's trend). */
export function TrendChart({
  title,
  data,
  valueLabel,
  labelHeader,
  max = 100,
  testId,
}: {
  title: string;
  data: ChartDatum[];
  valueLabel: string;
  labelHeader: string;
  max?: number;
  testId?: string;
}) {
  const id = useId();
  const rows = data.map((d) => ({ label: d.label, [valueLabel]: d.value }));
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="figure"
      m={0}
      aria-labelledby={id}
      data-testid={testId}
    >
      <Title order={3} size="h5" id={id} mb="sm" component="figcaption">
        {title}
      </Title>
      {data.length === 0 ? (
        <Text size="sm" c="gray.7">
          —
        </Text>
      ) : (
        <>
          <Box aria-hidden="true" data-chart="line">
            <LineChart
              h={220}
              data={rows}
              dataKey="label"
              series={[{ name: valueLabel, color: 'simpul.7' }]}
              curveType="linear"
              yAxisProps={{ domain: [0, max] }}
              tickLine="none"
              withDots={data.length < 40}
              lineChartProps={{ accessibilityLayer: false }}
            />
          </Box>
          <DataTableAlt
            caption={title}
            rows={data}
            valueLabel={valueLabel}
            labelHeader={labelHeader}
          />
        </>
      )}
    </Paper>
  );
}

import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { AnalyticsSeries } from '../../api/types.js';
import { formatCost } from '../../format/format-cost.js';
import { formatDuration } from '../../format/format-duration.js';
import { formatTokens } from '../../format/format-tokens.js';
import { bucketLabel } from '../../format/time-range.js';
import { ChartFrame } from './chart-frame.js';
import { type ChartColors, useChartColors } from './chart-colors.js';

type Point = AnalyticsSeries['points'][number];

function axes(colors: ChartColors, series: AnalyticsSeries, format: (value: number) => string, integers = true) {
  return [
    <CartesianGrid key="grid" stroke={colors.grid} strokeDasharray="3 3" vertical={false} />,
    <XAxis
      key="x"
      dataKey="start"
      tickFormatter={(start: string) => bucketLabel(start, series.bucket)}
      stroke={colors.axis}
      tick={{ fontSize: 11 }}
      minTickGap={24}
    />,
    <YAxis key="y" stroke={colors.axis} tick={{ fontSize: 11 }} tickFormatter={format} width={64} allowDecimals={!integers} />,
    <Tooltip
      key="tooltip"
      labelFormatter={(start) => (typeof start === 'string' ? bucketLabel(start, series.bucket) : '')}
      contentStyle={{ background: colors.tooltipBg, border: `1px solid ${colors.tooltipBorder}`, borderRadius: 6, color: colors.text }}
      cursor={{ fill: colors.grid, opacity: 0.4 }}
    />,
    <Legend key="legend" wrapperStyle={{ fontSize: 12 }} />,
  ];
}

/** Tasks per bucket, stacked by how they ended. */
export function TasksChart({ series }: { series: AnalyticsSeries }) {
  const colors = useChartColors();
  return (
    <ChartFrame title="Tasks over time" note={`${series.totals.tasks.toLocaleString()} in the range`}>
      <BarChart data={series.points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        {axes(colors, series, (value) => value.toLocaleString())}
        <Bar dataKey="succeeded" name="Succeeded" stackId="tasks" fill={colors.success} isAnimationActive={false} />
        <Bar dataKey="failed" name="Failed" stackId="tasks" fill={colors.danger} isAnimationActive={false} />
        <Bar dataKey="cancelled" name="Cancelled" stackId="tasks" fill={colors.warning} isAnimationActive={false} />
        <Bar dataKey="in_progress" name="In progress" stackId="tasks" fill={colors.info} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

/** Success rate per bucket, as a percentage of the tasks that finished. */
export function SuccessRateChart({ series }: { series: AnalyticsSeries }) {
  const colors = useChartColors();
  const data = series.points.map((point: Point) => ({ start: point.start, rate: point.success_rate === null ? null : Math.round(point.success_rate * 1000) / 10 }));
  return (
    <ChartFrame title="Success rate" note="of finished tasks">
      <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        {axes(colors, series, (value) => `${value}%`, false)}
        <Area type="monotone" dataKey="rate" name="Success rate %" stroke={colors.success} fill={colors.success} fillOpacity={0.15} connectNulls isAnimationActive={false} />
      </AreaChart>
    </ChartFrame>
  );
}

/** Duration and queue wait, p50 and p95, per bucket. */
export function LatencyChart({ series }: { series: AnalyticsSeries }) {
  const colors = useChartColors();
  return (
    <ChartFrame title="Duration and queue wait" note="p50 and p95">
      <LineChart data={series.points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        {axes(colors, series, (value) => formatDuration(value))}
        <Line type="monotone" dataKey="duration_p50_ms" name="Duration p50" stroke={colors.info} dot={false} connectNulls isAnimationActive={false} />
        <Line type="monotone" dataKey="duration_p95_ms" name="Duration p95" stroke={colors.info} strokeDasharray="5 4" dot={false} connectNulls isAnimationActive={false} />
        <Line type="monotone" dataKey="queue_wait_p50_ms" name="Queue wait p50" stroke={colors.accent} dot={false} connectNulls isAnimationActive={false} />
        <Line type="monotone" dataKey="queue_wait_p95_ms" name="Queue wait p95" stroke={colors.accent} strokeDasharray="5 4" dot={false} connectNulls isAnimationActive={false} />
      </LineChart>
    </ChartFrame>
  );
}

/** Cost per bucket, with the tokens behind it. */
export function CostChart({ series }: { series: AnalyticsSeries }) {
  const colors = useChartColors();
  return (
    <ChartFrame title="Cost and tokens" note={`${formatCost(series.totals.cost_usd)} · ${formatTokens(series.totals.input_tokens + series.totals.output_tokens)} tokens`}>
      <BarChart data={series.points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        {axes(colors, series, (value) => formatCost(value), false)}
        <Bar dataKey="cost_usd" name="Cost (USD)" fill={colors.accent} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

export function TokensChart({ series }: { series: AnalyticsSeries }) {
  const colors = useChartColors();
  return (
    <ChartFrame title="Tokens">
      <BarChart data={series.points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        {axes(colors, series, (value) => formatTokens(value))}
        <Bar dataKey="input_tokens" name="Input" stackId="tokens" fill={colors.info} isAnimationActive={false} />
        <Bar dataKey="output_tokens" name="Output" stackId="tokens" fill={colors.neutral} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

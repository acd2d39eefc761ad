import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { Ledger } from '../../api/types.js';
import { formatCost } from '../../format/format-cost.js';
import { bucketLabel } from '../../format/time-range.js';
import { ChartFrame } from './chart-frame.js';
import { useChartColors } from './chart-colors.js';

/** Cost per period of the ledger. */
export function LedgerChart({ ledger }: { ledger: Ledger }) {
  const colors = useChartColors();
  const label = (start: unknown) => (typeof start === 'string' ? bucketLabel(start, ledger.period) : '');
  return (
    <ChartFrame title={`Cost per ${ledger.period}`} note={`${formatCost(ledger.totals.cost_usd)} in total`}>
      <BarChart data={ledger.periods} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="start" tickFormatter={label} stroke={colors.axis} tick={{ fontSize: 11 }} minTickGap={24} />
        <YAxis stroke={colors.axis} tick={{ fontSize: 11 }} tickFormatter={(value: number) => formatCost(value)} width={64} />
        <Tooltip
          labelFormatter={label}
          formatter={(value) => (typeof value === 'number' ? formatCost(value) : String(value))}
          contentStyle={{ background: colors.tooltipBg, border: `1px solid ${colors.tooltipBorder}`, borderRadius: 6, color: colors.text }}
          cursor={{ fill: colors.grid, opacity: 0.4 }}
        />
        <Bar dataKey="cost_usd" name="Cost" fill={colors.accent} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}

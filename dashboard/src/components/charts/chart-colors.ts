import { useIsDark } from '../../theme/theme.js';

/**
 * Chart colours for the current scheme. SVG presentation attributes cannot read CSS variables,
 * so the palette is chosen here, matching the stylesheet's badge colours.
 */
export interface ChartColors {
  success: string;
  danger: string;
  warning: string;
  info: string;
  neutral: string;
  accent: string;
  grid: string;
  axis: string;
  tooltipBg: string;
  tooltipBorder: string;
  text: string;
}

const LIGHT: ChartColors = {
  success: '#1f8f4a',
  danger: '#c8322b',
  warning: '#c58a00',
  info: '#1f6fe0',
  neutral: '#8a94a3',
  accent: '#7b4fd6',
  grid: '#e4e7ec',
  axis: '#5d6673',
  tooltipBg: '#ffffff',
  tooltipBorder: '#dde1e7',
  text: '#1b1f24',
};

const DARK: ChartColors = {
  success: '#5fcb84',
  danger: '#ff847a',
  warning: '#f3c366',
  info: '#6aa8ff',
  neutral: '#7d8796',
  accent: '#b194ff',
  grid: '#2c333d',
  axis: '#98a2b0',
  tooltipBg: '#1e232b',
  tooltipBorder: '#2c333d',
  text: '#e3e7ec',
};

export function chartColors(dark: boolean): ChartColors {
  return dark ? DARK : LIGHT;
}

export function useChartColors(): ChartColors {
  return chartColors(useIsDark());
}

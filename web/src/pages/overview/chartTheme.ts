import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only what the overview draws, so the rest of Chart.js is tree-shaken away.
Chart.register(
  BarController,
  LineController,
  CategoryScale,
  LinearScale,
  BarElement,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);

export interface ChartPalette {
  success: string;
  danger: string;
  accent: string;
}

let palette: ChartPalette | undefined;

/**
 * Reads the palette from the stylesheet's custom properties, so colours live
 * in one place, and applies it to Chart.js's global defaults on first use.
 */
export function chartTheme(): ChartPalette {
  if (palette !== undefined) return palette;
  const style = getComputedStyle(document.documentElement);
  const color = (name: string) => style.getPropertyValue(name).trim();
  const grid = color('--border-subtle');
  palette = { success: color('--success'), danger: color('--danger'), accent: color('--accent') };

  const defaults = Chart.defaults;
  defaults.color = color('--text-muted');
  defaults.borderColor = grid;
  defaults.font.family = getComputedStyle(document.body).fontFamily;
  defaults.maintainAspectRatio = false;
  defaults.interaction.mode = 'index';
  defaults.interaction.intersect = false;
  defaults.plugins.legend.position = 'bottom';
  Object.assign(defaults.plugins.legend.labels, { boxWidth: 10, boxHeight: 10, padding: 16 });
  Object.assign(defaults.plugins.tooltip, {
    backgroundColor: color('--surface-3'),
    borderColor: grid,
    borderWidth: 1,
    padding: 10,
  });
  if (window.matchMedia('(prefers-reduced-motion: reduce)').matches) defaults.animation = false;
  return palette;
}

import { useEffect, useRef, useSyncExternalStore } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface BarSeries {
  readonly label: string;
  readonly values: readonly number[];
  /** A CSS custom property of the theme, e.g. --accent. */
  readonly colorVar: string;
}

const DARK = '(prefers-color-scheme: dark)';

function subscribeScheme(onChange: () => void): () => void {
  const query = window.matchMedia(DARK);
  query.addEventListener('change', onChange);
  return () => {
    query.removeEventListener('change', onChange);
  };
}

/** The OS colour scheme, live: the chart is redrawn in the theme's colours when it changes. */
function useDark(): boolean {
  return useSyncExternalStore(subscribeScheme, () => window.matchMedia(DARK).matches);
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/**
 * A bar chart (Chart.js on a canvas) in the theme's colours. The canvas is decorative for assistive technology:
 * `summary` is its text alternative, and the view shows the same numbers as a list.
 */
export function BarChart({
  labels,
  series,
  summary,
  horizontal = false,
  unit = 'h',
}: {
  readonly labels: readonly string[];
  readonly series: readonly BarSeries[];
  readonly summary: string;
  readonly horizontal?: boolean;
  readonly unit?: string;
}): React.JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null);
  const dark = useDark();
  useEffect(() => {
    const element = canvas.current;
    if (element === null) return;
    const text = cssVar('--text-subtle');
    const unitName = unit === 'h' ? 'hours' : unit;
    const grid = cssVar('--border');
    const chart = new Chart(element, {
      type: 'bar',
      data: {
        labels: [...labels],
        datasets: series.map((s) => ({
          label: s.label,
          data: [...s.values],
          backgroundColor: cssVar(s.colorVar),
          borderRadius: 4,
          maxBarThickness: 36,
        })),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: series.length > 1, labels: { color: text, boxWidth: 12 } },
          tooltip: {
            callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${String(item.parsed[horizontal ? 'x' : 'y'])} ${unit}` },
          },
        },
        scales: {
          x: {
            ticks: { color: text },
            grid: { color: horizontal ? grid : 'transparent' },
            title: { display: horizontal, text: unitName, color: text },
          },
          y: {
            ticks: { color: text },
            grid: { color: horizontal ? 'transparent' : grid },
            beginAtZero: true,
            title: { display: !horizontal, text: unitName, color: text },
          },
        },
      },
    });
    return () => {
      chart.destroy();
    };
  }, [labels, series, horizontal, unit, dark]);
  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
}

/** One time-series chart (uPlot: canvas drawing, no eval, fits the designer's CSP). */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  colour: string;
}

export function Chart({ title, times, series, format, testId }: { title: string; times: number[]; series: ChartSeries[]; format(v: number): string; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const plot = new uPlot(
      {
        title,
        width: Math.max(320, el.clientWidth || 560),
        height: 200,
        scales: { x: { time: true } },
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.colour, width: 2, spanGaps: false, value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)) }))],
        axes: [{}, { values: (_u: uPlot, ticks: number[]) => ticks.map(format), size: 70 }],
      },
      // uPlot's times are seconds.
      [times.map((t) => t / 1000), ...series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    return () => plot.destroy();
  }, [title, times, series, format]);
  return <div ref={box} className="vm-console-dashboard-chart" data-testid={testId} />;
}

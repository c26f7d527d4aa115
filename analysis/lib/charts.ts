/**
 * Static SVG charts for the report pages, rendered at build time with Apache ECharts' server-side
 * SVG renderer (no DOM, no script in the output): bar charts over categories, one series per figure.
 * A null value (a suppressed figure) is drawn as a gap; the table beside the chart says why.
 */
import * as echarts from "echarts";

export interface BarSeries {
  name: string;
  data: ReadonlyArray<number | null>;
}

export interface BarChart {
  /** accessible summary, also the figure's caption */
  title: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  yMax?: number;
  yName?: string;
  stacked?: boolean;
  width?: number;
  height?: number;
}

const PALETTE = ["#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a5a5a5"];

/**
 * @example barChartSvg({ title: "Nivåfördelning", categories: ["0", "1"], series: [{ name: "kommun", data: [3, 4] }] })
 */
export function barChartSvg(c: BarChart): string {
  const width = c.width ?? 760;
  const height = c.height ?? 320;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: PALETTE,
      aria: { enabled: true, label: { description: c.title } },
      textStyle: { fontFamily: "system-ui, sans-serif" },
      legend: { top: 0, type: "plain" },
      grid: { left: 56, right: 16, top: 48, bottom: 64 },
      xAxis: { type: "category", data: [...c.categories], axisLabel: { interval: 0, rotate: c.categories.length > 6 ? 30 : 0 } },
      yAxis: { type: "value", max: c.yMax, name: c.yName },
      series: c.series.map((s) => ({ type: "bar", name: s.name, data: [...s.data], stack: c.stacked ? "all" : undefined })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The dashboard section (#14): figures per site and process over a period, and the per-node figures the canvas heatmap reads. */
export { DashboardView } from './View.js';
export { dashboardApi } from './api.js';
export { heatLevel, percent, seconds } from './period.js';
export { HeatmapControl } from './HeatmapControl.js';

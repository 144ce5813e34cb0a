/**
 * `npm run bench [-- <benchmark> [options]]`: the benchmark dispatcher.
 *
 *   npm run bench                                   the suite (bench/suite.ts): ratios, writes bench/results.json
 *   npm run bench -- catalog --items 1000000 [--db sqlite|postgres]
 *                                                   the catalog at scale (bench/catalog.ts): import, size, search
 *                                                   latency, page throughput against a bare route, server RSS;
 *                                                   writes bench/results-catalog-<db>.json
 *   npm run bench -- applications --cases 1000000 [--db sqlite|postgres]
 *                                                   disclosure applications at scale (bench/applications.ts): import,
 *                                                   deadline computations, the workbench queue against a bare route;
 *                                                   writes bench/results-applications-<db>.json
 *   npm run bench -- reports --cases 1000000 [--db sqlite|postgres] [--items 100000] [--runs 9] [--keep]
 *                                                   annual reports at scale (bench/reports.ts): one agency's report and
 *                                                   the whole city's roll-up (1,000 agencies, five years of cases),
 *                                                   trend on and off, DOCX/XLSX/HTML of the roll-up, against
 *                                                   baselines in the same run; writes bench/results-reports-<db>.json
 *   npm run bench -- search [--items 20000] [--dialect sqlite|postgres]
 *                                                   search recall and latency (bench/search.ts), JSON on stdout
 *   npm run bench -- monitor [--pages 10000]
 *                                                   the website monitor's crawler on a generated local site
 *                                                   (bench/monitor.ts): pages/s with politeness off, peak RSS and heap,
 *                                                   against plain undici fetches; writes bench/results-monitor.json
 *
 * docs/benchmarks.md records the figures with the command that produced each.
 */
const [which, ...args] = process.argv.slice(2);

if (which === undefined || which.startsWith('-')) {
  const { runSuite } = await import('./suite.ts');
  await runSuite();
} else if (which === 'catalog') {
  const { main } = await import('./catalog.ts');
  await main(args);
} else if (which === 'applications') {
  const { main } = await import('./applications.ts');
  await main(args);
} else if (which === 'reports') {
  const { main } = await import('./reports.ts');
  await main(args);
} else if (which === 'search') {
  const { main } = await import('./search.ts');
  await main(args);
} else if (which === 'monitor') {
  const { main } = await import('./monitor.ts');
  await main(args);
} else {
  console.error(`unknown benchmark: ${which} (expected: catalog, applications, reports, search, monitor, or nothing for the suite)`);
  process.exitCode = 2;
}

/**
 * Export benchmark: how long each export of an agreed plan takes to build, format by format,
 * for the Hollis fixture and for a plan of 50 rules full of long and hard text (accents, emoji,
 * Arabic, Hebrew). Each export is built from the same agreed record the server builds, by the
 * same functions its routes call; no server, no network, one process.
 *
 *   node tests/load/export-bench.ts [--runs 10]
 *
 * The first run of each (fonts read, code warmed) is printed apart and left out of the figures.
 * Prints, per plan and format: the first run, the median and the slowest of the measured runs,
 * and the file's size.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { renderDocx } from '../../server/src/export/docx-export.ts';
import {
  fiftyRuleContent,
  hollisContent,
  hollisScaling,
  recordOf,
} from '../../server/src/export/export-fixtures.ts';
import { renderPdf } from '../../server/src/export/pdf-export.ts';
import {
  caseRecord,
  familyPlan,
  myPartSheet,
  peopleInPlan,
  toMarkdown,
  toPlainText,
  type AgreedRecord,
} from '@kinboard/shared/export/index';

// `pnpm run bench:all -- --rooms 10` hands its options to every benchmark; take ours, leave the rest.
const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } }, strict: false });
const runs = Math.max(1, Number(values.runs) || 10);

const formats: Record<string, (record: AgreedRecord) => Promise<Uint8Array>> = {
  'plan pdf': (record) => renderPdf(familyPlan(record)),
  'plan phone': (record) => renderPdf(familyPlan(record), { layout: 'phone' }),
  'record docx': (record) => renderDocx(caseRecord(record)),
  'record md': async (record) => Buffer.from(toMarkdown(caseRecord(record))),
  'record txt': async (record) => Buffer.from(toPlainText(caseRecord(record))),
  json: async (record) => Buffer.from(JSON.stringify(record, null, 2)),
  'my part pdf': (record) =>
    renderPdf(myPartSheet(record, peopleInPlan(record.board)[0]!.id)!, { onePage: true }),
};

const plans: [string, AgreedRecord][] = [
  ['Hollis', recordOf(hollisContent(), hollisScaling())],
  ['50 rules', recordOf(fiftyRuleContent(), hollisScaling())],
];

const ms = (value: number) => value.toFixed(1).padStart(8);
console.log(`export benchmark: ${runs} measured runs each, Node ${process.version}`);
console.log(
  `${'plan'.padEnd(10)}${'format'.padEnd(14)}${'first'.padStart(8)}${'median'.padStart(8)}${'max'.padStart(8)}  size`,
);
for (const [name, record] of plans)
  for (const [format, build] of Object.entries(formats)) {
    let started = performance.now();
    const first = await build(record);
    const firstMs = performance.now() - started;
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      started = performance.now();
      await build(record);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor((times.length - 1) / 2)]!;
    console.log(
      `${name.padEnd(10)}${format.padEnd(14)}${ms(firstMs)}${ms(median)}${ms(times.at(-1)!)}  ${(first.byteLength / 1024).toFixed(1)} KB`,
    );
  }

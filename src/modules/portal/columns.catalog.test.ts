import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTopic, keyAreaCodes, kinds, topicTree } from '../catalog/index.ts';
import { annualReportSource, disclosureRulesSource, statutoryItemsFor, statutorySources } from './columns.ts';

const topLevels = new Set(topicTree.map(([t]) => t));

test('every statutory sub-column draws on valid kinds, topics and key areas of the catalog', () => {
  for (const kind of ['government', 'department', 'township'] as const) {
    for (const item of statutoryItemsFor(kind)) {
      for (const s of statutorySources(item)) {
        for (const k of s.kinds ?? []) assert.ok((kinds as readonly string[]).includes(k), `${item.slug}: ${k}`);
        if (s.topic) assert.ok(isTopic(s.topic) || topLevels.has(s.topic), `${item.slug}: ${s.topic}`);
        if (s.column) assert.ok((keyAreaCodes as string[]).includes(s.column), `${item.slug}: ${s.column}`);
      }
    }
  }
  for (const s of [disclosureRulesSource, annualReportSource]) if (s.topic) assert.ok(isTopic(s.topic));
});

test('Art. 20 items map to the kinds that carry them: rules and normative documents, plans, statistics, budgets, personnel', () => {
  const item = (slug: string) => statutoryItemsFor('department').find((i) => i.slug === slug)!;
  assert.deepEqual(statutorySources(item('regulations')), [{ kinds: ['rule', 'normativeDocument', 'interpretation'] }]);
  assert.deepEqual(statutorySources(item('plans')), [{ kinds: ['plan'] }]);
  assert.deepEqual(statutorySources(item('statistics')), [{ kinds: ['statistics'] }]);
  assert.ok(statutorySources(item('budgets')).some((s) => s.kinds?.includes('budget')));
  assert.deepEqual(statutorySources(item('civil-service')), [{ kinds: ['personnel'] }]);
  assert.ok(!statutoryItemsFor('government').some((i) => statutorySources(i).some((s) => s.kinds?.includes('news'))), 'work news is never statutory content');
});

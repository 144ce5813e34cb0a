import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../../../test/helpers/cli.ts';

// The fee needs no database: every run points at a file that does not exist and must not be created.
const nowhere = `sqlite:${join(tmpdir(), 'gongkai-fee-never-created', 'x.db')}`;
const noDatabaseCreated = () => assert.equal(existsSync(join(tmpdir(), 'gongkai-fee-never-created')), false, 'no database was created');

test('gongkai fee --per-case prints the month total and how each band adds up', async () => {
  const r = await cli(nowhere, ['fee', '--per-case', '31']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.out.split('\n').slice(0, 4), ['2200 yuan', 'cases 1–10: free', 'cases 11–30: 20 × 100 = 2000', 'case 31: 1 × 200 = 200']);
  assert.match(r.out, /^Basis: 国办函〔2020〕109号, per case/m);
  noDatabaseCreated();
});

test('gongkai fee --per-page prints the progressive page total', async () => {
  const r = await cli(nowhere, ['fee', '--per-page', '201']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.out.split('\n').slice(0, 5), ['2740 yuan', 'pages 1–30: free', 'pages 31–100: 70 × 10 = 700', 'pages 101–200: 100 × 20 = 2000', 'page 201: 1 × 40 = 40']);
  assert.match(r.out, /^Basis: 国办函〔2020〕109号, per page/m);
  const free = await cli(nowhere, ['fee', '--per-page', '0']);
  assert.equal(free.code, 0, free.err);
  assert.equal(free.out.split('\n')[0], '0 yuan');
  noDatabaseCreated();
});

test('gongkai fee --json prints the fee result with its legal basis', async () => {
  const r = await cli(nowhere, ['fee', '--per-case', '31', '--json']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(JSON.parse(r.out), {
    basis: 'perCase',
    quantity: 31,
    total: 2200,
    bands: [
      { from: 1, to: 10, count: 10, unit: 0, subtotal: 0 },
      { from: 11, to: 30, count: 20, unit: 100, subtotal: 2000 },
      { from: 31, to: 31, count: 1, unit: 200, subtotal: 200 },
    ],
    basisReference: '国办函〔2020〕109号',
  });
  const pages = JSON.parse((await cli(nowhere, ['fee', '--per-page', '201', '--json'])).out);
  assert.equal(pages.basis, 'perPage');
  assert.equal(pages.total, 2740);
  assert.equal(pages.bands.length, 4);
  noDatabaseCreated();
});

test('gongkai fee needs exactly one basis and a whole number: otherwise exit 2 with the reason and usage', async () => {
  const cases: [string[], RegExp][] = [
    [['fee'], /give --per-case COUNT_IN_MONTH or --per-page PAGES/],
    [['fee', '--per-case', '31', '--per-page', '201'], /either --per-case or --per-page, not both/],
    [['fee', '--per-page', 'many'], /--per-page must be a whole number/],
    [['fee', '--per-case=-3'], /--per-case must be between 0 and/],
    [['fee', '--per-case', '2.5'], /--per-case must be a whole number/],
    [['fee', '31'], /unexpected argument '31'/],
  ];
  for (const [args, reason] of cases) {
    const r = await cli(nowhere, args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, reason, args.join(' '));
    assert.match(r.err, /Usage: gongkai fee --per-case COUNT_IN_MONTH \| --per-page PAGES/, args.join(' '));
    assert.equal(r.out, '', args.join(' '));
  }
  noDatabaseCreated();
});

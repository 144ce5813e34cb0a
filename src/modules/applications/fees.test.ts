import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FEE_BASIS_REFERENCE, feeFor, perCaseFee, perCaseUnitFee, perPageFee } from './fees.ts';

test('per case: the fee of the n-th case in the month (国办函〔2020〕109号)', () => {
  const cases: [number, number][] = [[1, 0], [10, 0], [11, 100], [30, 100], [31, 200], [40, 200], [41, 300], [50, 300], [51, 400], [61, 500]];
  for (const [n, fee] of cases) assert.equal(perCaseUnitFee(n), fee, `case ${n}`);
});

test('per case: the spec vectors for the cumulative total', () => {
  const vectors: [number, number][] = [[10, 0], [11, 100], [30, 2000], [31, 2200], [40, 4000], [41, 4300]];
  for (const [count, total] of vectors) assert.equal(perCaseFee(count).total, total, `${count} cases`);
  // the total is the sum of the unit fees
  for (let count = 0; count <= 75; count++) {
    let sum = 0;
    for (let n = 1; n <= count; n++) sum += perCaseUnitFee(n);
    assert.equal(perCaseFee(count).total, sum, `${count} cases`);
  }
});

test('per page: the spec vectors', () => {
  const vectors: [number, number][] = [[30, 0], [31, 10], [100, 700], [101, 720], [200, 2700], [201, 2740]];
  for (const [pages, total] of vectors) assert.equal(perPageFee(pages).total, total, `${pages} pages`);
});

test('the bands show how a total was reached, the free band included', () => {
  assert.deepEqual(perCaseFee(41), {
    basis: 'perCase',
    quantity: 41,
    total: 4300,
    bands: [
      { from: 1, to: 10, count: 10, unit: 0, subtotal: 0 },
      { from: 11, to: 30, count: 20, unit: 100, subtotal: 2000 },
      { from: 31, to: 40, count: 10, unit: 200, subtotal: 2000 },
      { from: 41, to: 41, count: 1, unit: 300, subtotal: 300 },
    ],
  });
  assert.deepEqual(perPageFee(201).bands, [
    { from: 1, to: 30, count: 30, unit: 0, subtotal: 0 },
    { from: 31, to: 100, count: 70, unit: 10, subtotal: 700 },
    { from: 101, to: 200, count: 100, unit: 20, subtotal: 2000 },
    { from: 201, to: 201, count: 1, unit: 40, subtotal: 40 },
  ]);
  assert.deepEqual(perPageFee(5).bands, [{ from: 1, to: 5, count: 5, unit: 0, subtotal: 0 }]);
  assert.deepEqual(perPageFee(0), { basis: 'perPage', quantity: 0, total: 0, bands: [] });
  assert.deepEqual(perCaseFee(0), { basis: 'perCase', quantity: 0, total: 0, bands: [] });
});

test('feeFor dispatches on the basis; bad quantities are a RangeError', () => {
  assert.deepEqual(feeFor('perCase', 31), perCaseFee(31));
  assert.deepEqual(feeFor('perPage', 201), perPageFee(201));
  assert.equal(FEE_BASIS_REFERENCE, '国办函〔2020〕109号');
  for (const q of [-1, 1.5, Number.NaN, Infinity]) {
    assert.throws(() => feeFor('perCase', q), RangeError, String(q));
    assert.throws(() => feeFor('perPage', q), RangeError, String(q));
  }
  assert.throws(() => perCaseUnitFee(0), RangeError);
  assert.throws(() => perCaseUnitFee(2.5), RangeError);
  assert.throws(() => feeFor('perWord' as 'perCase', 3), RangeError);
});

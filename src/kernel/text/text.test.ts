import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalFields,
  canonicalText,
  exactRefOf,
  fieldsStream,
  highlight,
  mergeQueries,
  parseDocNo,
  parseQuery,
  pieces,
  searchWords,
  snippet,
  pairTokens,
  streamTokens,
  termPattern,
  type TermPattern,
} from './index.ts';

const hits = (segs: { text: string; hit: boolean }[]) => segs.filter((s) => s.hit).map((s) => s.text);

test('text is cut into Han runs and other words, normalised (full-width → ASCII, lower case)', () => {
  assert.deepEqual(
    pieces('ＰＰＰ项目２０１７年（试行）'),
    [
      { text: 'ppp', han: false },
      { text: '项目', han: true },
      { text: '2017', han: false },
      { text: '年', han: true },
      { text: '试行', han: true },
    ],
  );
  assert.equal(canonicalText('衡政办字〔2017〕12号'), ' 衡政办字 2017 12 号 ');
  assert.equal(canonicalFields(['预算', '公开']), ' 预算 | 公开 ');
});

test('a Han run is indexed as its character bigrams plus its last character', () => {
  assert.deepEqual(streamTokens(pieces('市级预算')), ['市级', '级预', '预算', '算']);
  assert.deepEqual(streamTokens(pieces('号')), ['号']);
  // then its pair tokens: each word with the first character of the Han run after it
  assert.equal(fieldsStream(['PPP项目', null, '12号']), 'ppp 项目 目 ppp项 | 12 号 12号');
  assert.deepEqual(pairTokens(pieces('衡政办字〔2017〕12号文件，2017年3月1日')), ['12号', '2017年', '3月', '1日']);
  assert.deepEqual(pairTokens(pieces('市级预算 2017')), []);
  // not with a Han character that is a symbol (a radical from PDF text), which the FTS5 tokenizer drops
  assert.deepEqual(pairTokens(pieces('12⻔ 通知')), []);
  assert.equal(termPattern(pieces('12⻔'))!.pair, undefined);
  assert.equal(termPattern(pieces('12号'))!.pair, '12号');
});

/**
 * What SQLite's phrase query does with a field's token stream (pair tokens included), simulated: the recall/precision
 * argument in one place. With `pairs`, a term that has a pair token is that one token.
 */
function phraseMatches(fields: string[], t: TermPattern, pairs = false): boolean {
  for (const f of fields) {
    const toks = fieldsStream([f]).split(' ');
    if (pairs && t.pair) {
      if (toks.includes(t.pair)) return true;
      continue;
    }
    for (let i = 0; i + t.tokens.length <= toks.length; i++) {
      const ok = t.tokens.every((x, j) => (t.prefixLast && j === t.tokens.length - 1 ? toks[i + j].startsWith(x) : toks[i + j] === x));
      if (ok) return true;
    }
  }
  return false;
}

test('a term matches a field exactly when the field contains it: the index rule and the canonical rule agree', () => {
  const docs = ['衡水市市级预算公开办法', '衡政办字〔2017〕12号文件', 'PPP项目2017年预算', '关于做好低保工作的通知', '扶贫，资金 使用', '《政务公开》2018-05考核', 'appp项目'];
  const terms = ['预算', '级预算公', '算', '号', '12号', '2017年', '2018年', '2017', '12文', 'ppp项', 'ppp项目', '项目2017', '低保工作', '扶贫资金', '扶贫 资金', '公开》2018', '通知', '公开办法', '衡水市市级预算公开办法', '2017', '201', '考核', '开'];
  for (const d of docs) {
    for (const raw of terms) {
      const t = termPattern(pieces(raw))!;
      const byCanonical = canonicalText(d).includes(t.canonical);
      assert.equal(phraseMatches([d], t), byCanonical, `${raw} in ${d}`);
      assert.equal(phraseMatches([d], t, true), byCanonical, `${raw} in ${d}, with pair tokens`);
      // every plain Chinese substring is found
      if (/^\p{Script=Han}+$/u.test(raw) && d.includes(raw)) assert.ok(byCanonical, `${raw} must be found in ${d}`);
      if (/^\p{Script=Han}+$/u.test(raw) && !d.includes(raw)) assert.ok(!byCanonical, `${raw} must not be found in ${d}`);
    }
  }
  // words match whole: 2017 is not found inside 20170, nor ppp inside appp
  assert.equal(canonicalText('编号20170').includes(termPattern(pieces('2017'))!.canonical), false);
  assert.equal(canonicalText('appp项目').includes(termPattern(pieces('ppp'))!.canonical), false);
  // a match never crosses fields
  assert.equal(phraseMatches(['预算', '公开'], termPattern(pieces('预算公开'))!), false);
  assert.equal(canonicalFields(['办法', '2017年']).includes(termPattern(pieces('办法2017'))!.canonical), false);
});

test('the query language: terms, "phrases", exclusions, and a document number for going straight to the item', () => {
  const q = parseQuery('预算  公开 “市级 预算” -通知 -"工作 动态" 扶贫');
  assert.deepEqual(
    q.terms.map((t) => [t.text, t.phrase]),
    [
      ['预算', false],
      ['公开', false],
      ['市级 预算', true],
      ['扶贫', false],
    ],
  );
  assert.deepEqual(
    q.excluded.map((t) => t.text),
    ['通知', '工作 动态'],
  );
  assert.equal(q.exact, null);
  assert.deepEqual(q.terms[2].pattern, { tokens: ['市级', '级预', '预算'], prefixLast: false, canonical: '市级预算' }, 'spaces between Chinese characters in a phrase are ignored');
  assert.deepEqual(parseQuery('"PPP 项目 2017 年"').terms[0].pattern.canonical, ' ppp 项目 2017 年');
  assert.deepEqual(searchWords('衡水市市级预算公开办法').slice(0, 4), ['衡水', '衡水市', '市级', '预算']);

  for (const typed of ['衡政办字〔2017〕12号', '衡政办字[2017]12号', '衡政办字（2017）12号', '衡政办字(2017)12号', ' 衡政办字 [2017] 第12号 ', '衡政办字【2017】12号']) {
    assert.deepEqual(parseQuery(typed).exact, { kind: 'docNo', docNo: '衡政办字〔2017〕12号' }, typed);
  }
  assert.deepEqual(parseQuery('001068824/2018-2302536').exact, { kind: 'indexNo', indexNo: '001068824/2018-2302536' });
  assert.deepEqual(exactRefOf('JYJ-2026-001'), { kind: 'indexNo', indexNo: 'JYJ-2026-001' });
  assert.equal(parseQuery('预算 公开').exact, null);
  assert.deepEqual(parseDocNo('省政府令〔2008〕第9号'), { prefix: '省政府令', year: 2008, number: 9 });
  assert.equal(parseDocNo('关于预算公开的通知'), null);

  // search within results: earlier queries' terms stay required
  const within = mergeQueries([parseQuery('预算 -通知'), parseQuery('公开 预算')]);
  assert.deepEqual(
    within.terms.map((t) => t.text),
    ['预算', '公开'],
  );
  assert.deepEqual(
    within.excluded.map((t) => t.text),
    ['通知'],
  );
  // punctuation alone is no term; an unclosed quote runs to the end
  assert.deepEqual(parseQuery('〔 〕 ，').terms, []);
  assert.deepEqual(
    parseQuery('"政务 公开').terms.map((t) => [t.text, t.phrase]),
    [['政务 公开', true]],
  );
});

test('hits are marked as segments of the original text (never HTML), across brackets, widths and case', () => {
  const pat = (s: string) => termPattern(pieces(s))!.canonical;
  assert.deepEqual(highlight('关于<b>预算</b>公开', [pat('预算')]), [
    { text: '关于<b>', hit: false },
    { text: '预算', hit: true },
    { text: '</b>公开', hit: false },
  ]);
  assert.deepEqual(hits(highlight('转发衡政办字[2017]12号文件', [pat('衡政办字〔2017〕12号')])), ['衡政办字[2017]12号']);
  assert.deepEqual(hits(highlight('推广ＰＰＰ模式和PPP项目', [pat('ppp')])), ['ＰＰＰ', 'PPP']);
  assert.deepEqual(hits(highlight('预算预算公开', [pat('预算'), pat('算公')])), ['预算预算公']);
  assert.deepEqual(highlight('没有命中', [pat('预算')]), [{ text: '没有命中', hit: false }]);

  const long = `${'前文'.repeat(100)}扶贫资金使用情况${'后文'.repeat(100)}`;
  const s = snippet(long, [pat('扶贫')], 60);
  assert.equal(s[0].text, '…');
  assert.equal(s[s.length - 1].text, '…');
  assert.deepEqual(hits(s), ['扶贫']);
  assert.ok(s.map((x) => x.text).join('').length <= 62);
  assert.deepEqual(snippet('短文本', [pat('预算')]), [{ text: '短文本', hit: false }]);
});

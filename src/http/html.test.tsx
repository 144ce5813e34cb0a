import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'preact-render-to-string';
import { attr, embed, fromVNode, html } from './html.ts';

const nasty = ['', 'plain 中文', '<script>alert("x")</script>', 'a & b < c > d "e" \'f\'', '&amp;', '"', '<', 'x&'];

test('text and attribute values are escaped exactly as Preact escapes them (a part written as a string is the same bytes as its JSX)', () => {
  for (const s of nasty) {
    assert.equal(html`<p${attr('title', s)}>${s}</p>`.value, render(<p title={s}>{s}</p>), s);
    assert.equal(html`<a href="/x?q=${s}"${attr('aria-label', s)}>${s}</a>`.value, render(<a href={`/x?q=${s}`} aria-label={s}>{s}</a>), s);
  }
  assert.equal(html`<p>${'<b>'}</p>`.value, '<p>&lt;b></p>');
});

test('attributes follow JSX: left out when null, undefined or false, bare when true', () => {
  assert.equal(html`<details${attr('open', true)}${attr('hidden', false)}${attr('class', undefined)}${attr('id', null)}${attr('tabindex', -1)}></details>`.value, '<details open tabindex="-1"></details>');
  assert.equal(html`<details${attr('open', true)} tabindex="-1"></details>`.value, render(<details open={true} tabIndex={-1}></details>));
});

test('parts nest without being escaped twice; arrays are joined; null, false and true render nothing; numbers as written', () => {
  const items = ['a&b', 'c'].map((x) => html`<li>${x}</li>`);
  assert.equal(html`<ul>${items}${null}${false}${true}${undefined}<li>${0}</li></ul>`.value, '<ul><li>a&amp;b</li><li>c</li><li>0</li></ul>');
});

test('an Html part inside a Preact tree is inserted as it is, and a Preact part inside an Html is rendered', () => {
  const part = html`<em>${'<x>'}</em>`;
  assert.equal(render(<div>{embed(part)}<span>after</span></div>), '<div><em>&lt;x></em><span>after</span></div>');
  assert.equal(html`<div>${fromVNode(<b class="y">{'1 < 2'}</b>)}</div>`.value, '<div><b class="y">1 &lt; 2</b></div>');
});

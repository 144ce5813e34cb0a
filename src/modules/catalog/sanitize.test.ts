import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitizeBody } from './sanitize.ts';

test('scripts, event handlers, styles, frames and outside images never reach a page', () => {
  const { html, text } = sanitizeBody(
    '<h1>标题</h1><p onclick="steal()" style="color:red">正文<script>alert(1)</script></p><iframe src="https://evil"></iframe>' +
      '<a href="javascript:alert(1)">链接</a><a href="https://www.gov.cn/">国务院</a><img src="https://tracker.example/x.png" alt="x"><img src="/static/img/a.png" alt="图">',
  );
  assert.doesNotMatch(html, /script|onclick|style=|iframe|javascript:|tracker/);
  assert.match(html, /<h2>标题<\/h2>/);
  assert.match(html, /<a href="https:\/\/www.gov.cn\/" rel="noopener noreferrer">国务院<\/a>/);
  assert.match(html, /<img src="\/static\/img\/a.png" alt="图">/);
  assert.match(text, /标题\n正文/);
  assert.doesNotMatch(text, /alert/);
});

test('plain text becomes paragraphs, escaped', () => {
  const { html, text } = sanitizeBody('第一段 <不是标签\n\n第二段');
  assert.equal(html, '<p>第一段 &lt;不是标签</p><p>第二段</p>');
  assert.equal(text, '第一段 <不是标签\n第二段');
});

test('tables keep their structure and spans', () => {
  const { html } = sanitizeBody('<table class="x"><tr><th colspan="2" width="9">项目</th></tr><tr><td>1</td><td>2</td></tr></table>');
  assert.match(html, /<th colspan="2">项目<\/th>/);
  assert.doesNotMatch(html, /class=|width=/);
});

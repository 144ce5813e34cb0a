/**
 * The text sections a new draft starts with: sentences with live figures, for the office to rewrite.
 * Official reports are written in Chinese whatever the reader's language, so these are data, not messages.
 */
import type { ReportFormat } from './format.ts';
import type { ReportTexts } from './model.ts';

export function defaultTexts(format: ReportFormat): ReportTexts {
  if (format === 'legacy') {
    return {
      overview:
        '{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息{legacy.proactive.items}条，其中规范性文件{legacy.proactive.normativeDocuments}件。\n\n' +
        '全年共受理政府信息公开申请{legacy.received}件，办结{legacy.completed}件，其中延期办结{legacy.extended}件。所有答复中，属于已主动公开范围{legacy.answers.alreadyPublished}件，同意公开{legacy.answers.disclosed}件，同意部分公开{legacy.answers.partial}件，不同意公开{legacy.answers.withheld}件，不属于本机关公开{legacy.answers.notThisAgency}件，申请信息不存在{legacy.answers.notExist}件，告知作出更改补充{legacy.answers.correction}件，告知通过其他途径办理{legacy.answers.otherChannel}件，其他{legacy.answers.other}件。\n\n' +
        '因政府信息公开申请引起行政复议{legacy.reconsideration.total}件，行政诉讼{legacy.litigation.total}件。',
      problems: '（请填写存在的主要问题及改进措施。）',
      other: '',
    };
  }
  return {
    overview:
      '{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。\n\n' +
      '全年新收政府信息公开申请{table3.received.total}件，上年结转{table3.carriedOver.total}件，办结{table3.total.total}件，其中予以公开{table3.disclose.total}件、部分公开{table3.partial.total}件，结转下年度继续办理{table3.carriedForward.total}件。\n\n' +
      '因政府信息公开引起行政复议{table4.reconsideration.total}件，行政诉讼{table4.litigationDirect.total}件（未经复议直接起诉），复议后起诉{table4.litigationAfterReconsideration.total}件。',
    problems: '（请填写存在的主要问题及改进情况。）',
    other: '',
  };
}

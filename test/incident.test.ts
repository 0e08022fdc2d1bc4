// The incident clock: grades from the content's thresholds, who is told and by when in Beijing
// time, the regime before the Measures, and `landfall incident` with its prefilled report.
import { describe, expect, it } from 'vitest';
import { assessIncident, beijingTime, parseInstant } from '../src/core/incident/incident-clock.ts';
import { engineText } from '../src/i18n/messages.ts';
import { landfall } from './cli-harness.ts';
import { book } from './helpers.ts';

describe('grading and reporting an incident', () => {
  it.each([
    [999_999, 'general', false],
    [1_000_000, 'relatively_major', true],
    [10_000_000, 'major', true],
    [100_000_000, 'especially_major', true],
  ])('%i citizens\' PI leaked: %s, reportable %s', (piLeakedIndividuals, grade, reportable) => {
    const incident = assessIncident(book, { discoveredAt: '2026-12-01T09:30', operatorType: 'other', piLeakedIndividuals }, engineText());
    expect(incident).toMatchObject({ grade, reportable });
  });

  it('gives an ordinary operator 4 hours to the provincial CAC, and a CII operator 1 hour to the protection department and the PSB', () => {
    const other = assessIncident(book, { discoveredAt: '2026-12-01T22:15', operatorType: 'other', piLeakedIndividuals: 2_000_000 }, engineText());
    expect(other.duties.find((duty) => duty.id === 'initial_report')).toMatchObject({ to: 'the provincial CAC where it is located', dueBy: '2026-12-02 02:15', citation: { instrument: 'cn.incident-reporting-measures-2025' } });
    const cii = assessIncident(book, { discoveredAt: '2026-12-01T01:30Z', operatorType: 'cii_operator', piLeakedIndividuals: 0, ciiOverallOutageHours: 7 }, engineText());
    expect(cii.grade).toBe('especially_major');
    expect(cii.discoveredAt).toBe('2026-12-01 09:30');
    expect(cii.duties.find((duty) => duty.id === 'initial_report')).toMatchObject({ to: 'the CII protection work department and the public security organ', dueBy: '2026-12-01 10:30' });
    expect(cii.duties.some((duty) => duty.id === 'escalation')).toBe(true);
    expect(cii.needsLegalReview).toBe(true); // the CII outage limits rest on secondary sources
  });

  it('dates the summary report from the end of handling, and tells affected people', () => {
    const incident = assessIncident(book, { discoveredAt: '2026-12-01T09:30', operatorType: 'other', piLeakedIndividuals: 1_500_000, handlingEndedAt: '2026-12-05T18:00' }, engineText());
    expect(incident.duties.find((duty) => duty.id === 'summary_report')?.dueBy).toBe('2027-01-04 18:00');
    expect(incident.duties.find((duty) => duty.id === 'notify_affected')?.citation).toMatchObject({ instrument: 'cn.pipl', article: '57' });
  });

  it('before 2025-11-01 reports follow the sector regulations, with no general hour limit, flagged', () => {
    const incident = assessIncident(book, { discoveredAt: '2025-10-31T23:00', operatorType: 'other', piLeakedIndividuals: 5_000_000 }, engineText());
    expect(incident.duties[0]).toMatchObject({ id: 'initial_report', dueBy: null, needsLegalReview: true });
    expect(incident.legalReviewReasons.join(' ')).toContain('before the Incident Reporting Measures took effect');
  });

  it('writes its reasons, duties and the notes of the law in Chinese for a zh-CN report, with the same grade and deadlines', () => {
    const facts = { discoveredAt: '2026-12-01T01:30Z', operatorType: 'cii_operator', piLeakedIndividuals: 12_000_000, ciiOverallOutageHours: 7, directLossRmb: 200_000_000 } as const;
    const chinese = assessIncident(book, facts, engineText('zh-CN'));
    const english = assessIncident(book, facts, engineText());
    expect(chinese.gradeReasons).toEqual(['12,000,000 名公民的个人信息泄露：达到 10,000,000 人以上（泄露1000万人以上公民个人信息）。', '关键信息基础设施整体中断运行 7 小时：达到 6 小时以上。', '直接经济损失人民币 200,000,000 元：达到 100,000,000 元以上。']);
    expect(english.gradeReasons[0]).toBe('Personal information of 12,000,000 citizens leaked: 10,000,000 or more (泄露1000万人以上公民个人信息).');
    const prose = [...chinese.gradeReasons, ...chinese.notEvaluated, ...chinese.legalReviewReasons, ...chinese.duties.flatMap((duty) => [duty.to, duty.detail])];
    for (const text of prose) expect(text, text).not.toMatch(/\b[A-Za-z][a-z]+(?:[ ,;:-]+[A-Za-z][a-z]+){2,}\b/);
    expect(chinese.legalReviewReasons[0]).toContain('仅有二手来源');
    expect(chinese.duties.map((duty) => [duty.id, duty.dueBy, duty.recipient])).toEqual(english.duties.map((duty) => [duty.id, duty.dueBy, duty.recipient]));
    expect([chinese.grade, chinese.reportable]).toEqual([english.grade, english.reportable]);
    const before = assessIncident(book, { discoveredAt: '2025-10-31T23:00', operatorType: 'other', piLeakedIndividuals: 5_000_000 }, engineText('zh-CN'));
    expect(before.legalReviewReasons[0]).toContain('早于《国家网络安全事件报告管理办法》施行');
  });

  it('reads times without an offset as Beijing time', () => {
    expect(beijingTime(parseInstant('2026-12-01T09:30', 'x'))).toBe('2026-12-01 09:30');
    expect(beijingTime(parseInstant('2026-12-01T09:30+01:00', 'x'))).toBe('2026-12-01 16:30');
    expect(() => parseInstant('yesterday', 'discoveredAt')).toThrow(expect.objectContaining({ code: 'invalid_facts', problems: [expect.objectContaining({ path: 'discoveredAt', message: expect.stringMatching(/expected a date and time/) })] }));
  });
});

describe('landfall incident', () => {
  it('prints the clock and the initial report in Chinese, and refuses bad facts with exit 2', async () => {
    const run = await landfall('incident', 'examples/consumer-ecommerce.yaml', '--discovered', '2026-12-01T09:30', '--pi-leaked', '1200000', '--lang', 'zh-CN', '--format', 'md');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('- **事件级别**：较大网络安全事件（依《国家网络安全事件报告管理办法》须报告）');
    expect(run.stdout).toContain('| 初次报告 | 属地省级网信部门 | 2026-12-01 13:30 | 第一时间报告，最迟不得超过 4 小时');
    expect(run.stdout).toContain('## 报告对象与时限');
    expect(run.stdout).toContain('2026-12-01 13:30');
    expect(run.stdout).toContain('网络安全事件初次报告');
    expect(run.stdout).toContain('较大网络安全事件');
    expect(run.stdout).toContain('【待顾问填写：');
    expect(run.stdout).toContain('- 1,200,000 名公民的个人信息泄露：达到 1,000,000 人以上（泄露100万人以上公民个人信息）。');
    expect(run.stdout).not.toContain('citizens leaked');
    // The basis of each duty is cited as Chinese documents cite law, never as "… Art. 4 (…, from …)".
    expect(run.stdout).toContain('| 《国家网络安全事件报告管理办法》第 4 条（cn.incident-reporting-measures-2025，自 2025-11-01 起施行） |');
    expect(run.stdout).not.toMatch(/Art\. \d|, from \d/);
    const english = await landfall('incident', 'examples/consumer-ecommerce.yaml', '--discovered', '2026-12-01T09:30', '--pi-leaked', '1200000', '--format', 'md');
    expect(english.stdout).toContain('- **Grade**: relatively major (较大) (reportable under the Incident Reporting Measures)');
    expect(english.stdout).toContain('| Incident Reporting Measures 2025 Art. 4 (cn.incident-reporting-measures-2025, from 2025-11-01) |');
    expect(english.stdout).toContain('| initial report | the provincial CAC where it is located | 2026-12-01 13:30 | Report the incident at once, within 4 hours of discovery');
    const json = JSON.parse((await landfall('incident', 'examples/fintech-cii.yaml', '--discovered', '2026-12-01T09:30', '--pi-leaked', '10', '--format', 'json')).stdout) as { grade: string; reportable: boolean };
    expect(json).toMatchObject({ grade: 'general', reportable: false });
    const bad = await landfall('incident', 'examples/b2b-saas.yaml', '--discovered', 'soon', '--pi-leaked', '-4');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--pi-leaked');
    const badTime = await landfall('incident', 'examples/b2b-saas.yaml', '--discovered', 'soon');
    expect(badTime.stderr).toContain('--discovered: expected a date and time');
  });
});

/** Test data for disclosure applications: valid-by-checksum (fictitious) identity numbers and a ready application. */
import { residentIdCheckChar } from '../../src/kernel/text/index.ts';

/** An 18-character resident ID with a correct GB 11643 check character (birth date 1985-06-15 + `serial`). */
export function residentId(serial = 1, region = '131102'): string {
  const body = `${region}19850615${String(serial % 1000).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

/** The form fields of a natural person's application (as the service's input object). */
export function naturalApplication(over: { name?: string; serial?: number; description?: string } = {}) {
  return {
    applicant: { type: 'natural', name: over.name ?? '张三', idType: 'residentId', idNumber: residentId(over.serial ?? 1), phone: '13800001234', email: 'zhangsan@example.cn', address: '河北省衡水市桃城区人民东路1号' },
    description: over.description ?? '请公开2025年本市义务教育阶段学校招生划片方案及其制定依据。',
    form: 'electronic',
    delivery: 'email',
  };
}

/**
 * The applicant's session on the status pages (no account: tracking code + password, Art. 29).
 * The cookie holds the case id, an expiry and an HMAC keyed by a digest of the case's password hash:
 * forging one needs the database, and a new password ends every earlier cookie.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';

export const APPLICANT_COOKIE = 'gk_applicant';
export const APPLICANT_SESSION_MS = 2 * 60 * 60 * 1000;

const keyOf = (passwordHash: string) => createHash('sha256').update(`gongkai applicant session|${passwordHash}`).digest();
const macOf = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

export function createApplicantSession(services: Pick<Services, 'applications' | 'clock'>) {
  const now = () => services.clock.now().getTime();
  return {
    /** A cookie value for the case (after the password was checked), or null if it has no online access. */
    async cookieValue(caseId: string): Promise<string | null> {
      const row = await services.applications.caseRow(caseId);
      if (!row?.password_hash) return null;
      const payload = `${caseId}.${now() + APPLICANT_SESSION_MS}`;
      return `${payload}.${macOf(keyOf(row.password_hash), payload)}`;
    },
    /** Whether the request carries a cookie that has not yet expired (valid or not). */
    hasLiveCookie(req: FastifyRequest): boolean {
      const raw = req.cookies[APPLICANT_COOKIE];
      return !!raw && Number(raw.split('.')[1]) >= now();
    },
    /** The case of the applicant cookie, if it is valid, unexpired and for this tracking code; else null. */
    async caseFor(req: FastifyRequest, code: string) {
      const [id, exp, mac] = (req.cookies[APPLICANT_COOKIE] ?? '').split('.');
      if (!id || !exp || !mac || Number(exp) < now()) return null;
      const row = await services.applications.caseRow(id);
      if (!row?.password_hash) return null;
      const want = Buffer.from(macOf(keyOf(row.password_hash), `${id}.${exp}`));
      const got = Buffer.from(mac);
      if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
      return row.tracking_code === code.trim().toUpperCase() ? row : null;
    },
  };
}
export type ApplicantSession = ReturnType<typeof createApplicantSession>;

import type { Services } from '../services.ts';

export interface DemoResult {
  agencies: number;
  users: { username: string; password: string; role: string; agency: string | null }[];
}

/** Loads (or reloads) the demo city of the 2017 report. Placeholder until the demo data lands. */
export async function loadDemo(services: Services): Promise<DemoResult> {
  void services;
  return { agencies: 0, users: [] };
}

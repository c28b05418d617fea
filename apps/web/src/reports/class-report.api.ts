import type { ClassReport } from '@podroom/contracts';
import { load, type Loaded } from '../teach/loaded.outcome.js';
import { authorized, http } from '../teach/instructor.auth.js';
import { fetchCsvAt } from './report.api.js';

/** `GET /classes/:id/report` with the instructor's token (refreshed once after a 401). */
export async function loadClassReport(classId: string): Promise<Loaded<ClassReport>> {
  return load(async () => {
    const client = await http();
    return authorized((token) => client.classReport(token, encodeURIComponent(classId)));
  });
}

/** `GET /classes/:id/report.csv`, fetched with the bearer token (a plain link cannot send it). */
export function fetchClassCsv(classId: string): Promise<{ blob: Blob; filename: string }> {
  return fetchCsvAt(
    `/classes/${encodeURIComponent(classId)}/report.csv`,
    `podroom-class-${classId}.csv`,
  );
}

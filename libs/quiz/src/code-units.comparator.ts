/**
 * Compares strings by UTF-16 code units: locale-independent (unlike `localeCompare`), hence the
 * same order on every machine and in every report.
 */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A finding worded so the department that must act on it can, at a glance: what is wrong, where
 * (files, lines, schema coordinates), why it matters, and what to do. Every check speaks in these.
 */
export interface Advice {
  what: string;
  where: string[];
  why: string;
  todo: string;
}

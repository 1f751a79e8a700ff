/**
 * The reads a request asked for and was refused, per person, gathered while it resolves and
 * written to the audit trail with the answer (outcome `refused`). Per request: nothing in it
 * outlives the request or is seen by another caller.
 */
export class RefusedReads {
  private readonly bySubject = new Map<string, Set<string>>();

  /** `subjectId` is the person whose data was asked for; `field` the path refused (`appointments`). */
  record(subjectId: string, field: string): void {
    let fields = this.bySubject.get(subjectId);
    if (!fields) {
      fields = new Set();
      this.bySubject.set(subjectId, fields);
    }
    fields.add(field);
  }

  /** Person id → the fields refused. */
  entries(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.bySubject;
  }
}

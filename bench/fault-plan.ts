/** What the fault driver is asked to do. */
export interface FaultPlan {
  gatewayUrl: string;
  /** Admin URLs of the simulators to break mid-run. */
  breakUrls: string[];
  dashboardBody: string;
  dashboardTokens: string[];
  /** Residents who each submit one reading during the run. */
  submitterTokens: string[];
  rate: number;
  durationSec: number;
  /** When (seconds into the run) the systems go down, and when they come back. */
  downAt: number;
  upAt: number;
  drainTimeoutSec: number;
}

/** Before the fault, during it, the breakers' half-open delay after it, and after that. */
export type Phase = 'before' | 'during' | 'recovering' | 'after';

/** How long after the systems return the breakers may still fail fast before their probe. */
export const RECOVERY_GRACE_SEC = 6;

/** What the driver reports. */
export interface FaultResult {
  phases: Record<Phase, { count: number; failed: number; p50: number; p99: number }>;
  errorSystems: Record<string, number>;
  errorCodes: Record<string, number>;
  submissions: number;
  submittedAs: Record<string, number>;
  finalStatuses: Record<string, number>;
  heldByHousing: number;
  drainedInSec: number;
}

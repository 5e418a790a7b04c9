/** The SparkPost sandbox: start it in-process with {@link startSandbox}, or run `npm run sandbox`. */
import "../provider/supportedNode";
export { startSandbox, DEFAULT_API_KEY } from "./server";
export { DEFAULT_ACCEPTED_TARGETS } from "./verification";
export type {
  CountedMatcher,
  DropAfterProcessing,
  FaultKind,
  Faults,
  InjectedStatus,
  Malformed200Fault,
  RateLimitFault,
  RequestMatcher,
  RetryAfter,
  StallBodyFault,
  TooManyRequestsFault,
  WrongShape200Fault,
} from "./faultTypes";
export type {
  RequestLogEntry,
  Sandbox,
  SandboxOptions,
  SandboxSettings,
  SendingDomainSeed,
  SendingDomainState,
  TrackingDomainPatch,
} from "./types";
export type {
  ApiErrorDetail,
  CnameStatus,
  CodedErrorDetail,
  ComplianceStatus,
  SendingDomainObject,
  TlsStatus,
  TrackingDomainErrorDetail,
  TrackingDomainObject,
  TrackingDomainStatus,
  VerifyResults,
} from "./apiObjects";

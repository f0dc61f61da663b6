/**
 * The kubectl minor release whose `kubectl <verb> --help` and `kubectl options` the flag tables
 * mirror; kubectl-flags.verified.spec.ts checks them against the kubectl on PATH, and the
 * executor warns at start-up when it finds another minor release.
 */
export const VERIFIED_KUBECTL_VERSION = '1.32';

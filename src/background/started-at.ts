/**
 * Imported first by the worker entry, so it runs before any other module of ours: the time the
 * browser took to start the worker before our code ran (for getDiagnostics and the benchmark).
 */
export const codeStartedMs = performance.now();

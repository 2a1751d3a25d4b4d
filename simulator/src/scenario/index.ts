/**
 * Scenarios: a versioned JSON format (format.ts, schema.ts), a runner on the simulation session
 * (run.ts), outcome coverage (outcomes.ts, coverage.ts) and recording (record.ts).
 */
export { parseScenario, inputOf, stepOf, ScenarioFormatError, SCENARIO_FILE, SCENARIO_FORMAT_VERSION } from './format.js';
export type { Scenario, ScenarioStep, ScenarioEnd, StepExpectation, PromptMatcher } from './format.js';
export { scenarioSchema } from './schema.js';
export { runScenario, checkExpectation, promptMatches, type ScenarioRun, type ScenarioDifference, type RunScenarioOptions } from './run.js';
export { machineOutcomes, outcomeRecorder, outcomeKey, type Outcome } from './outcomes.js';
export { coverageOf, coverageTotal, percentOf, type ProcessCoverage, type OutcomeCoverage } from './coverage.js';
export { recordScenario, stubsFromView, type RecordOptions } from './record.js';
export { generatePaths, exampleStubs, type GenerateOptions, type GeneratedPaths, type UnreachedOutcome } from './generate.js';
export { candidateInputs } from './candidates.js';
export { injectFaults, summarizeFaults, FAULT_KINDS, type FaultCase, type FaultKind, type FaultVerdict, type FaultOptions, type FaultSummaryRow } from './faults.js';

/** @podroom/quiz — pure question, answer and scoring rules. */
export * from './question.types.js';
export * from './question.validator.js';
export * from './question.adapter.js';
export * from './answer.checker.js';
export * from './deadline.calculator.js';
export * from './score.calculator.js';
export * from './session.scorer.js';
export * from './leaderboard.ranker.js';
export * from './answer.aggregator.js';
export * from './question.views.js';
export * from './code-units.comparator.js';

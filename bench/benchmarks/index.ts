import type { Benchmark } from '../support/types';
import { bulkPut10k } from './bulk-put-10k';

/** Every benchmark, in the order the runner runs them. Add new ones here, one module each. */
export const BENCHMARKS: readonly Benchmark[] = [bulkPut10k];

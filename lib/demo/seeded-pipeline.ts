import type { Language } from '../i18n/translate';
import { defaultPipeline, type Pipeline } from '../model';
import type { Random } from './random';
import { seededUlid } from './seeded-ulid';

/** The default pipeline with ids from the seeded generator, so generated files are reproducible. */
export function seededPipeline(random: Random, language: Language, createdAt: number): Pipeline {
  const pipeline = defaultPipeline(language, createdAt);
  return {
    ...pipeline,
    id: seededUlid(random, createdAt),
    stages: pipeline.stages.map((stage) => ({
      ...stage,
      id: seededUlid(random, createdAt),
      checklist: stage.checklist.map((item) => ({ ...item, id: seededUlid(random, createdAt) })),
    })),
  };
}

import type { Language } from '../../lib/extension/i18n/translate';
import { defaultPipeline } from '../../lib/extension/pipeline/default-pipeline';
import type { Pipeline } from '../../lib/shared/model';
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

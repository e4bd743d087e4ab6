import { z } from 'zod';
import { idSchema, nameSchema, recordBaseSchema } from './common';

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export const checklistItemSchema = z.object({
  id: idSchema,
  label: nameSchema,
});

export const stageSchema = z.object({
  id: idSchema,
  name: nameSchema,
  /** Chance, in percent, that a deal in this stage is won; drives weighted forecasts. */
  probability: z.number().int('must be a whole percentage').min(0, 'is below 0%').max(100, 'is above 100%'),
  kind: z.enum(STAGE_KINDS),
  /** How long a deal typically stays here; null when the team has not said. */
  expectedDays: z.number().int().min(0).max(3650).nullable(),
  /** Flag a deal as stale after this many days without activity; null turns the flag off. */
  staleAfterDays: z.number().int().min(1).max(3650).nullable(),
  /** Key information a rep should collect before leaving the stage. */
  checklist: z.array(checklistItemSchema).max(30),
});

export const pipelineSchema = recordBaseSchema
  .extend({
    name: nameSchema,
    /** In order, first stage first. */
    stages: z.array(stageSchema).min(1, 'needs at least one stage').max(30),
    archived: z.boolean(),
  })
  .superRefine((pipeline, context) => {
    const seenNames = new Set<string>();
    const seenIds = new Set<string>();
    pipeline.stages.forEach((stage, index) => {
      const key = stage.name.toLocaleLowerCase();
      if (seenNames.has(key)) {
        context.addIssue({
          code: 'custom',
          path: ['stages', index, 'name'],
          message: 'repeats a stage name',
        });
      }
      if (seenIds.has(stage.id)) {
        context.addIssue({ code: 'custom', path: ['stages', index, 'id'], message: 'repeats a stage id' });
      }
      seenNames.add(key);
      seenIds.add(stage.id);
    });
    if (!pipeline.stages.some((stage) => stage.kind === 'open')) {
      context.addIssue({ code: 'custom', path: ['stages'], message: 'needs at least one open stage' });
    }
  });

export type Stage = z.infer<typeof stageSchema>;
export type Pipeline = z.infer<typeof pipelineSchema>;

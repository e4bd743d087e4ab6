import { z } from 'zod';
import {
  amountSchema,
  calendarDateSchema,
  currencySchema,
  idSchema,
  instantSchema,
  nameSchema,
  recordBaseSchema,
  uniqueValues,
} from './common';

export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

export const nextStepSchema = z.object({
  text: z.string().trim().min(1, 'must not be empty').max(500, 'is longer than 500 characters'),
  dueDate: calendarDateSchema.nullable(),
});

export const dealSchema = recordBaseSchema
  .extend({
    title: nameSchema,
    companyId: idSchema.nullable(),
    contactIds: z.array(idSchema).max(100).refine(uniqueValues, 'lists the same contact twice'),
    pipelineId: idSchema,
    stageId: idSchema,
    /** When the deal entered its current stage; time-in-stage and staleness start here. */
    stageEnteredAt: instantSchema,
    amount: amountSchema,
    currency: currencySchema,
    expectedCloseDate: calendarDateSchema.nullable(),
    /** How many times the expected close date was moved later: a slipping deal is a warning sign. */
    closeDatePushes: z.number().int().min(0),
    ownerId: idSchema,
    nextStep: nextStepSchema.nullable(),
    status: z.enum(DEAL_STATUSES),
    lostReason: z.string().trim().max(500, 'is longer than 500 characters').nullable(),
    /**
     * Checklist items (of any stage of the deal's pipeline) the rep ticked. Kept when the deal
     * moves on, so a deal moved back finds them still done. Added later: the default lets older
     * records and backups parse.
     */
    checklistDone: z
      .array(idSchema)
      .max(1000)
      .refine(uniqueValues, 'lists the same checklist item twice')
      .default([]),
  })
  .refine((deal) => deal.status === 'lost' || deal.lostReason === null, {
    path: ['lostReason'],
    message: 'is only recorded for lost deals',
  });

export type NextStep = z.infer<typeof nextStepSchema>;
export type Deal = z.infer<typeof dealSchema>;

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { InvalidFormError } from '@/lib/extension/db/field-problems';
import { type PipelineFieldErrors, pipelineErrorsOf } from './pipeline-problems';

export type PipelineWrite<Input> = {
  /** Runs the write; its InvalidFormError problems become `errors`, shown next to their fields. */
  run: (input: Input) => void;
  errors: PipelineFieldErrors;
  /** A failure that is no field's fault (the database, say). */
  failure: Error | null;
  isSaving: boolean;
  clear: () => void;
};

/** One write of the pipelines editor: refreshes every query once it is stored, then calls `onDone`. */
export function usePipelineWrite<Input, Saved>({
  write,
  onDone,
}: {
  write: (input: Input) => Promise<Saved>;
  onDone?: (saved: Saved, input: Input) => void;
}): PipelineWrite<Input> {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<PipelineFieldErrors>({});
  const mutation = useMutation({
    mutationFn: write,
    onSuccess: async (saved, input) => {
      await queryClient.invalidateQueries();
      onDone?.(saved, input);
    },
    onError: (error) => setErrors(error instanceof InvalidFormError ? pipelineErrorsOf(error.problems) : {}),
  });
  return {
    run: (input) => {
      setErrors({});
      mutation.mutate(input);
    },
    errors,
    failure: mutation.isError && !(mutation.error instanceof InvalidFormError) ? mutation.error : null,
    isSaving: mutation.isPending,
    clear: () => {
      setErrors({});
      mutation.reset();
    },
  };
}

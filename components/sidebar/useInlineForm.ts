import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { InvalidFormError } from '@/lib/extension/db/field-problems';
import { type FieldErrors, fieldErrorsOf } from './form-problems';

export type InlineFormStatus = {
  errors: FieldErrors;
  /** A failure that is no field's fault (the database, say). */
  failure: Error | null;
  isSaving: boolean;
};

export type InlineFormState<Input> = InlineFormStatus & {
  /** Writes the record; the write function's zod problems become `errors`. */
  save: (input: Input) => void;
};

/** Saving a sidebar form: refreshes every query once the record is written, then hands it to `onSaved`. */
export function useInlineForm<Input, Saved>({
  write,
  onSaved,
}: {
  write: (input: Input) => Promise<Saved>;
  onSaved: (saved: Saved) => void;
}): InlineFormState<Input> {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<FieldErrors>({});
  const mutation = useMutation({
    mutationFn: write,
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries();
      onSaved(saved);
    },
    onError: (error) => setErrors(error instanceof InvalidFormError ? fieldErrorsOf(error.problems) : {}),
  });
  return {
    save: (input) => {
      setErrors({});
      mutation.mutate(input);
    },
    errors,
    failure: mutation.isError && !(mutation.error instanceof InvalidFormError) ? mutation.error : null,
    isSaving: mutation.isPending,
  };
}

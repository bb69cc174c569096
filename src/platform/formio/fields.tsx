/**
 * NL Design System (Utrecht) form fields that src/platform/ui/components.tsx does not have: a
 * textarea, a select, groups of radio buttons and checkboxes, one checkbox with a description and
 * an error, and a read-only field. Same patterns as there: label (a legend for a group),
 * description, error, input; aria-describedby pointing at the description and the error, and
 * aria-invalid when there is an error.
 */
import type { ComponentChildren } from 'preact';
import { cx, describedBy, FormField } from '../ui/components.tsx';

/** The id of a group's n-th option (from 0); the first is where the error summary links to. */
export const optionId = (fieldId: string, index: number) => `${fieldId}-${index + 1}`;

interface FieldProps {
  id: string;
  name: string;
  label: ComponentChildren;
  description?: ComponentChildren;
  error?: ComponentChildren;
}

interface Choice {
  value: string;
  label: string;
}

export function TextareaField({ id, name, label, description, error, value, rows }: FieldProps & { value: string; rows?: number }) {
  return (
    <FormField id={id} label={label} description={description} error={error} kind="utrecht-form-field--text">
      <textarea
        class={cx('utrecht-textarea', 'utrecht-textarea--html-textarea', !!error && 'utrecht-textarea--invalid')}
        id={id}
        name={name}
        rows={rows}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, description, error)}
      />
    </FormField>
  );
}

/** A fieldset with a legend and one radio button or checkbox per option, each inside its label. */
function ChoiceGroup({
  type,
  id,
  name,
  label,
  description,
  error,
  options,
  isChecked,
}: FieldProps & { type: 'radio' | 'checkbox'; options: Choice[]; isChecked: (value: string) => boolean }) {
  const input = type === 'radio' ? 'utrecht-radio-button' : 'utrecht-checkbox';
  return (
    <fieldset
      class={cx('utrecht-form-fieldset', 'voordeur-fieldset', !!error && 'utrecht-form-fieldset--invalid')}
      aria-describedby={describedBy(id, description, error)}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{label}</legend>
      {description && (
        <p class="utrecht-form-field-description" id={`${id}-description`}>
          {description}
        </p>
      )}
      {error && (
        <p class="utrecht-form-field-error-message" id={`${id}-error`}>
          {error}
        </p>
      )}
      {options.map((option, index) => (
        <div class={`utrecht-form-field utrecht-form-field--${type}`}>
          <p class={`utrecht-form-field__label utrecht-form-field__label--${type}`}>
            <label class={`utrecht-form-label utrecht-form-label--${type}`} for={optionId(id, index)}>
              <input
                class={cx(
                  input,
                  `${input}--html-input`,
                  type === 'checkbox' && 'utrecht-checkbox--custom',
                  'utrecht-form-field__input',
                  !!error && `${input}--invalid`,
                )}
                type={type}
                id={optionId(id, index)}
                name={name}
                value={option.value}
                checked={isChecked(option.value)}
                aria-invalid={error ? 'true' : undefined}
              />
              <span lang="nl">{option.label}</span>
            </label>
          </p>
        </div>
      ))}
    </fieldset>
  );
}

export function RadioGroupField(props: FieldProps & { value: string; options: Choice[] }) {
  return <ChoiceGroup {...props} type="radio" isChecked={(value) => value === props.value} />;
}

export function CheckboxGroupField(props: FieldProps & { values: string[]; options: Choice[] }) {
  return <ChoiceGroup {...props} type="checkbox" isChecked={(value) => props.values.includes(value)} />;
}

/** One checkbox inside its label (as CheckboxField in components.tsx), with a description and an error. It sends "true" when ticked. */
export function SingleCheckboxField({ id, name, label, description, error, checked }: FieldProps & { checked: boolean }) {
  return (
    <div class={cx('utrecht-form-field', 'utrecht-form-field--checkbox', !!error && 'utrecht-form-field--invalid')}>
      <p class="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={id}>
          <input
            class={cx(
              'utrecht-checkbox',
              'utrecht-checkbox--html-input',
              'utrecht-checkbox--custom',
              'utrecht-form-field__input',
              !!error && 'utrecht-checkbox--invalid',
            )}
            type="checkbox"
            id={id}
            name={name}
            value="true"
            checked={checked}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy(id, description, error)}
          />
          {label}
        </label>
      </p>
      {description && (
        <div class="utrecht-form-field__description utrecht-form-field-description" id={`${id}-description`}>
          {description}
        </div>
      )}
      {error && (
        <div class="utrecht-form-field__error-message utrecht-form-field-error-message" id={`${id}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}

/** A value the person sees but cannot change; it has no name, so it is not submitted. */
export function ReadOnlyField({ id, label, description, value, multiline }: Omit<FieldProps, 'name' | 'error'> & { value: string; multiline?: boolean }) {
  return (
    <FormField id={id} label={label} description={description} kind="utrecht-form-field--text">
      {multiline ? (
        <textarea
          class="utrecht-textarea utrecht-textarea--html-textarea utrecht-textarea--read-only"
          id={id}
          readOnly
          value={value}
          aria-describedby={describedBy(id, description, undefined)}
        />
      ) : (
        <input
          class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--read-only"
          id={id}
          type="text"
          readOnly
          value={value}
          aria-describedby={describedBy(id, description, undefined)}
        />
      )}
    </FormField>
  );
}

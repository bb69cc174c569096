/**
 * A parsed Form.io form as NL Design System fields, to put inside Voordeur's own <Form> (with its
 * CSRF token and submit button). It works without JavaScript, so a field that Form.io would show
 * only under a condition is always shown, with a line that says when it applies;
 * validateSubmission leaves it out when the condition does not hold.
 */
import type { ComponentChildren } from 'preact';
import type { Lang } from '../i18n/index.ts';
import { Dutch, FileField, Heading, Paragraph, SelectField, TextField, type FieldError } from '../ui/components.tsx';
import { dataPlaceholder, isFixed, isInput, type Condition, type ContentModel, type FormModel, type InputModel } from './definition.ts';
import { fileRules, formatSize, typeList, type UploadRules } from './files.ts';
import { CheckboxGroupField, optionId, RadioGroupField, ReadOnlyField, SingleCheckboxField, TextareaField } from './fields.tsx';
import { formTexts, type FormMessage, type FormTexts } from './messages.ts';
import { shownByData, valueAt, type FormError, type FormValues } from './validate.ts';

const single = (value: string | string[] | undefined) => (typeof value === 'string' ? value : (value?.[0] ?? ''));
const several = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

/** The field a condition looks at, or whose value it looks into (parseForm made sure there is one). */
const controllerOf = (form: FormModel, condition: Condition) =>
  form.fields.find((field): field is InputModel => isInput(field) && field.key === condition.when) ??
  form.fields.find((field): field is InputModel => isInput(field) && isFixed(field) && condition.when.startsWith(`${field.key}.`))!;

/**
 * The conditions the person decides, each as a line that says when the field applies. Those on a
 * field the person cannot change are left out: the prefill data decided them (shownByData).
 */
const hints = (form: FormModel, conditions: Condition[], texts: FormTexts) =>
  conditions.filter((condition) => !isFixed(controllerOf(form, condition))).map((condition) => conditionText(form, condition, texts));

/** "Alleen als u bij ‘Heeft u een partner?’ kiest voor ‘Ja’." */
function conditionText(form: FormModel, condition: Condition, texts: FormTexts): ComponentChildren {
  // parseForm made sure the condition refers to a field, and to one of its options if it has them.
  const controller = controllerOf(form, condition);
  const label = controller.label;
  switch (controller.kind) {
    case 'checkbox':
      return texts.onlyIf({ label, action: 'tick', negate: (condition.eq === 'true') !== condition.show });
    case 'checkboxes':
    case 'select':
    case 'radio': {
      const answer = controller.options.find((option) => option.value === condition.eq)?.label;
      return texts.onlyIf({ label, answer, action: controller.kind === 'checkboxes' ? 'tick' : 'choose', negate: !condition.show });
    }
    default:
      return texts.onlyIf({ label, answer: condition.eq, action: 'fill', negate: !condition.show });
  }
}

/** What a disabled field shows: the option's label rather than its value, Ja/Nee for a checkbox. */
function readOnlyText(field: InputModel, value: string | string[] | undefined, texts: FormTexts): string {
  if (field.kind === 'checkbox') return single(value) === 'true' ? texts.yes : texts.no;
  if (field.kind === 'file') return texts.filesSent(several(value).length);
  if (field.kind === 'select' || field.kind === 'radio' || field.kind === 'checkboxes') {
    const chosen = several(value);
    return field.options
      .filter((option) => chosen.includes(option.value))
      .map((option) => option.label)
      .join(', ');
  }
  return single(value);
}

function Input({
  form,
  field,
  value,
  error,
  texts,
  lang,
  uploads,
}: {
  form: FormModel;
  field: InputModel;
  value: string | string[] | undefined;
  error?: ComponentChildren;
  texts: FormTexts;
  lang: Lang;
  uploads: UploadRules;
}) {
  // The form's own texts are the organisation's, in Dutch; what Voordeur adds is in the reader's language.
  const label = (
    <>
      <Dutch>{field.label}</Dutch>
      {field.required && !field.disabled && ` ${texts.required}`}
    </>
  );
  const added = hints(form, field.conditions, texts).flatMap((hint, index) => (index === 0 ? [hint] : [' ', hint]));
  const description =
    field.description || added.length > 0 ? (
      <>
        {field.description && <Dutch>{field.description}</Dutch>}
        {field.description && added.length > 0 && ' '}
        {added}
      </>
    ) : undefined;
  const withHint = (hint: string) => (
    <>
      {description}
      {description && ' '}
      {hint}
    </>
  );
  if (field.disabled)
    return (
      <ReadOnlyField id={field.id} label={label} description={description} value={readOnlyText(field, value, texts)} multiline={field.kind === 'textarea'} />
    );

  const props = { id: field.id, name: field.key, label, description, error };
  switch (field.kind) {
    case 'text':
      return <TextField {...props} value={single(value)} autoComplete={field.autocomplete} />;
    case 'email':
      return <TextField {...props} type="email" value={single(value)} autoComplete={field.autocomplete} />;
    case 'phone':
      return <TextField {...props} type="tel" value={single(value)} autoComplete={field.autocomplete} />;
    case 'postcode':
      return <TextField {...props} value={single(value)} autoComplete={field.autocomplete} size={7} />;
    case 'iban':
      return <TextField {...props} value={single(value)} autoComplete={field.autocomplete} size={34} />;
    case 'bsn':
      return <TextField {...props} value={single(value)} autoComplete={field.autocomplete} inputMode="numeric" size={11} />;
    case 'number':
    case 'currency':
      // A text box, so that Dutch notation ("1.450,50") can be typed; see parseNumber.
      return <TextField {...props} value={single(value)} inputMode={field.decimals === 0 ? 'numeric' : 'decimal'} />;
    case 'date':
      return <TextField {...props} type="date" value={single(value)} />;
    case 'datetime':
      // datetime-local where browsers have it; elsewhere a text box in which "17-3-2025 14:30" is read too.
      return <TextField {...props} type="datetime-local" value={single(value)} description={withHint(texts.dateTimeHint)} />;
    case 'time':
      return <TextField {...props} type="time" value={single(value)} />;
    case 'file': {
      const rules = fileRules(field, uploads);
      const hint = texts.files({
        multiple: field.multiple,
        maxFiles: field.maxFiles,
        types: typeList(rules.extensions),
        size: formatSize(rules.maxBytes, lang),
      });
      return <FileField {...props} description={withHint(hint)} accept={rules.extensions.map((type) => `.${type}`).join(',')} multiple={field.multiple} />;
    }
    case 'textarea':
      return <TextareaField {...props} value={single(value)} rows={field.rows} />;
    case 'select':
      // An empty first option, so that nothing is chosen for the person; the form's options are Dutch data.
      return (
        <SelectField
          {...props}
          value={single(value)}
          options={[{ value: '', label: texts.choose }, ...field.options.map((option) => ({ value: option.value, label: option.label, lang: 'nl' as const }))]}
        />
      );
    case 'radio':
      return <RadioGroupField {...props} value={single(value)} options={field.options} />;
    case 'checkboxes':
      return <CheckboxGroupField {...props} values={several(value)} options={field.options} />;
    case 'checkbox':
      return <SingleCheckboxField {...props} checked={single(value) === 'true'} />;
  }
}

/** Text with Form.io's `{{ data.<key> }}` filled in from the prefill data (a text or number; else nothing). */
function interpolate(text: string, prefill: Record<string, unknown>): string {
  return text.replace(dataPlaceholder, (_, path: string) => {
    const value = valueAt(prefill, path);
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  });
}

/** "Stap 1 van 3: Uw gegevens", the form's own title marked Dutch in a sentence in the reader's language. */
function StepTitle({ texts, step, title }: { texts: FormTexts; step: { number: number; count: number }; title: string }) {
  const [before, after] = texts.step(step.number, step.count, '\u0000').split('\u0000');
  return (
    <>
      {before}
      <Dutch>{title}</Dutch>
      {after}
    </>
  );
}

function Content({ form, content, texts, prefill }: { form: FormModel; content: ContentModel; texts: FormTexts; prefill: Record<string, unknown> }) {
  const heading = content.heading && interpolate(content.heading, prefill);
  return (
    <>
      {content.step ? (
        <Heading level={2}>
          {heading ? <StepTitle texts={texts} step={content.step} title={heading} /> : texts.step(content.step.number, content.step.count)}
        </Heading>
      ) : (
        heading && (
          <Heading level={2}>
            <Dutch>{heading}</Dutch>
          </Heading>
        )
      )}
      {hints(form, content.conditions, texts).map((hint) => (
        <Paragraph small>{hint}</Paragraph>
      ))}
      <Dutch block>
        {content.paragraphs.map((paragraph) => (
          <Paragraph>{interpolate(paragraph, prefill)}</Paragraph>
        ))}
      </Dutch>
    </>
  );
}

const noUploads: UploadRules = { allowedTypes: [], maxBytes: 0 };

/** The fields of a form with their values (initialValues, or what was typed) and errors. */
export function FormFields({
  form,
  values,
  errors,
  lang,
  messages,
  uploads = noUploads,
  prefill,
}: {
  form: FormModel;
  values: FormValues;
  errors: FormError[];
  lang: Lang;
  messages: FormMessage;
  /** What Voordeur accepts for file fields. */
  uploads?: UploadRules;
  /** The taak's portaalformulier.data: fields whose condition it rules out are not shown. */
  prefill?: Record<string, unknown>;
}) {
  const texts = formTexts(lang);
  const shown = shownByData(form, prefill);
  return (
    <div class="voordeur-formio">
      {form.fields.map((field) => {
        if (field.hidden || field.kind === 'hidden' || !shown(field)) return null;
        if (!isInput(field)) return <Content form={form} content={field} texts={texts} prefill={prefill ?? {}} />;
        const error = errors.find((e) => e.field === field.key);
        return (
          <Input form={form} field={field} value={values[field.key]} error={error && messages(error, field)} texts={texts} lang={lang} uploads={uploads} />
        );
      })}
    </div>
  );
}

/** The errors for the page's ErrorSummary, in the order of the form, each linking to its input (a group's first option). */
export function errorSummaryItems(form: FormModel, errors: FormError[], messages: FormMessage): FieldError[] {
  return form.fields.filter(isInput).flatMap((field) => {
    const error = errors.find((e) => e.field === field.key);
    if (!error) return [];
    const target = field.kind === 'radio' || field.kind === 'checkboxes' ? optionId(field.id, 0) : field.id;
    return [{ field: target, message: messages(error, field) }];
  });
}

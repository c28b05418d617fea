import type { TopologyView } from '@podroom/contracts';
import type { StudentQuestion } from '@podroom/quiz';
import { useState } from 'preact/hooks';
import { moveItem, type AnswerDraft } from './answer.value.js';
import { hotspotGroups } from './hotspot.groups.js';

interface InputProps {
  question: StudentQuestion;
  draft: AnswerDraft;
  onChange(draft: AnswerDraft): void;
  disabled: boolean;
  topology: TopologyView;
}

/**
 * The answer controls for every question type, as native form controls (radios, checkboxes, a
 * number field, buttons) so screen readers and keyboards work without extra code. Every target
 * is at least 56 px high; a choice shows its state with a mark and text, not colour alone.
 */
export function QuestionInputs(props: InputProps) {
  const { question, draft } = props;
  switch (draft.type) {
    case 'single':
      return (
        <Choices
          {...props}
          kind="radio"
          options={question.options ?? []}
          isChecked={(id) => draft.choice === id}
          toggle={(id) => props.onChange({ ...draft, choice: id })}
        />
      );
    case 'multi':
      return (
        <Choices
          {...props}
          kind="checkbox"
          hint="Select all that apply."
          options={question.options ?? []}
          isChecked={(id) => draft.choices.includes(id)}
          toggle={(id) =>
            props.onChange({
              ...draft,
              choices: draft.choices.includes(id)
                ? draft.choices.filter((c) => c !== id)
                : [...draft.choices, id],
            })
          }
        />
      );
    case 'true-false':
      return (
        <Choices
          {...props}
          kind="radio"
          options={[
            { id: 'true', text: 'True' },
            { id: 'false', text: 'False' },
          ]}
          isChecked={(id) => draft.choice === (id === 'true')}
          toggle={(id) => props.onChange({ ...draft, choice: id === 'true' })}
        />
      );
    case 'numeric':
      return (
        <div class="field answer-numeric">
          <label for="answer-number">Your answer{question.unit ? ` (${question.unit})` : ''}</label>
          <div class="answer-numeric__row">
            <input
              id="answer-number"
              class="input input--number"
              inputMode="decimal"
              autocomplete="off"
              enterKeyHint="send"
              value={draft.text}
              disabled={props.disabled}
              onInput={(e) => props.onChange({ ...draft, text: e.currentTarget.value })}
            />
            {question.unit && <span class="answer-numeric__unit">{question.unit}</span>}
          </div>
        </div>
      );
    case 'ordering':
      return <Ordering {...props} draft={draft} />;
    case 'hotspot':
      return <Hotspot {...props} draft={draft} />;
  }
}

function Choices(
  props: InputProps & {
    kind: 'radio' | 'checkbox';
    hint?: string;
    options: readonly { id: string; text: string }[];
    isChecked(id: string): boolean;
    toggle(id: string): void;
  },
) {
  const name = `answer-${props.question.id}`;
  return (
    <fieldset class="choices" disabled={props.disabled}>
      <legend class="visually-hidden">{props.question.prompt}</legend>
      {props.hint && <p class="choices__hint">{props.hint}</p>}
      {props.options.map((option, i) => {
        const checked = props.isChecked(option.id);
        return (
          <label key={option.id} class={`choice${checked ? ' choice--checked' : ''}`}>
            <input
              type={props.kind}
              name={name}
              value={option.id}
              checked={checked}
              onChange={() => props.toggle(option.id)}
            />
            <span class="choice__mark" aria-hidden="true">
              {checked ? '✓' : String.fromCharCode(65 + i)}
            </span>
            <span class="choice__text">{option.text}</span>
          </label>
        );
      })}
    </fieldset>
  );
}

function Ordering(props: InputProps & { draft: Extract<AnswerDraft, { type: 'ordering' }> }) {
  const { draft, question } = props;
  const [said, setSaid] = useState('');
  const text = (id: string) => question.options?.find((o) => o.id === id)?.text ?? id;
  const move = (from: number, to: number) => {
    const order = moveItem(draft.order, from, to);
    props.onChange({ ...draft, order });
    const moved = order.indexOf(draft.order[from]!);
    setSaid(`${text(draft.order[from]!)}: now ${moved + 1} of ${order.length}.`);
  };
  return (
    <div class="ordering">
      <p class="choices__hint" id="ordering-hint">
        Put the items in order, first at the top: use the arrows to move an item.
      </p>
      <ol class="ordering__list" aria-describedby="ordering-hint">
        {draft.order.map((id, i) => (
          <li key={id} class="ordering__item">
            <span class="ordering__rank" aria-hidden="true">
              {i + 1}
            </span>
            <span class="ordering__text">{text(id)}</span>
            <span class="ordering__moves">
              <button
                type="button"
                class="button button--icon"
                aria-label={`Move “${text(id)}” up`}
                disabled={props.disabled || i === 0}
                onClick={() => move(i, i - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                class="button button--icon"
                aria-label={`Move “${text(id)}” down`}
                disabled={props.disabled || i === draft.order.length - 1}
                onClick={() => move(i, i + 1)}
              >
                ↓
              </button>
            </span>
          </li>
        ))}
      </ol>
      <p class="visually-hidden" aria-live="polite">
        {said}
      </p>
    </div>
  );
}

function Hotspot(props: InputProps & { draft: Extract<AnswerDraft, { type: 'hotspot' }> }) {
  const { draft, question } = props;
  const groups = hotspotGroups(question.options ?? [], props.topology);
  const name = `answer-${question.id}`;
  const choice = (option: { id: string; text: string }, extra = '') => {
    const checked = draft.choice === option.id;
    return (
      <label key={option.id} class={`spot${extra}${checked ? ' spot--checked' : ''}`}>
        <input
          type="radio"
          name={name}
          value={option.id}
          checked={checked}
          onChange={() => props.onChange({ ...draft, choice: option.id })}
        />
        <span class="spot__mark" aria-hidden="true">
          {checked ? '◉' : '○'}
        </span>
        <span>{option.text}</span>
      </label>
    );
  };
  return (
    <fieldset class="hotspot" disabled={props.disabled}>
      <legend class="visually-hidden">{question.prompt}</legend>
      <p class="choices__hint">Tap the part of the cluster.</p>
      <div class="hotspot__map">
        {groups.map((g) => (
          <div
            class="hotspot__node"
            key={g.node ?? '-'}
            role="group"
            aria-label={g.node ?? 'Cluster network'}
          >
            {g.self ? (
              choice(g.self, ' spot--node')
            ) : (
              <p class="hotspot__name">{g.node ?? 'Cluster network'}</p>
            )}
            <div class="hotspot__parts">{g.parts.map((p) => choice(p))}</div>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

import { useRef, useState } from 'preact/hooks';
import type { TargetedEvent } from 'preact';
import { checkNickname, checkRoomCode, NICKNAME_MAX_LENGTH } from './join.validation.js';
import { joinRoom } from './student.session.js';

type Field = 'code' | 'nickname' | 'rosterId';

/**
 * The student's first screen: room code and nickname. It checks what it can before sending;
 * then it joins through the `room:join` event of @podroom/contracts and moves to the room screen
 * (`#/play`). Fields are checked on submit and re-checked as the student
 * corrects one that was wrong, never on blur: a message appearing then would move the Join
 * button from under the finger.
 */
export function JoinView({ initialCode }: { initialCode: string }) {
  const [code, setCode] = useState(initialCode);
  const [nickname, setNickname] = useState('');
  /** Shown once the room says its class joins with student ids. */
  const [askRosterId, setAskRosterId] = useState(false);
  const [rosterId, setRosterId] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const nicknameInput = useRef<HTMLInputElement>(null);
  const rosterIdInput = useRef<HTMLInputElement>(null);

  const validate = (field: Exclude<Field, 'rosterId'>, value: string) => {
    const checked = field === 'code' ? checkRoomCode(value) : checkNickname(value);
    setErrors((e) => ({ ...e, [field]: checked.ok ? undefined : checked.error }));
    return checked;
  };

  const submit = async (event: TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const checkedCode = validate('code', code);
    const checkedNickname = validate('nickname', nickname);
    if (!checkedCode.ok) return codeInput.current?.focus();
    if (!checkedNickname.ok) return nicknameInput.current?.focus();
    if (askRosterId && rosterId.trim() === '') {
      setErrors((e) => ({ ...e, rosterId: 'Enter your student ID.' }));
      return rosterIdInput.current?.focus();
    }
    setProblem('');
    setBusy(true);
    setStatus('Joining…');
    const outcome = await joinRoom(
      checkedCode.value,
      checkedNickname.value,
      askRosterId ? rosterId.trim() : undefined,
      setStatus,
    );
    setBusy(false);
    setStatus('');
    // The room screen takes the session from student.session.ts (or resumes it after a reload).
    if (outcome.ok) return void (window.location.hash = '#/play');
    if (outcome.field === 'rosterId') {
      setAskRosterId(true);
      setErrors((e) => ({ ...e, rosterId: outcome.message }));
      // The field appears with this render: focus it once it is there.
      requestAnimationFrame(() => rosterIdInput.current?.focus());
    } else if (outcome.field) {
      setErrors((e) => ({ ...e, [outcome.field!]: outcome.message }));
      (outcome.field === 'code' ? codeInput : nicknameInput).current?.focus();
    } else {
      setProblem(outcome.message);
    }
  };

  return (
    <main class="page page--narrow join">
      <header class="brand brand--small">
        <a href="#/" class="brand__link">
          <span class="brand__mark" aria-hidden="true" />
          <span class="brand__name">podroom</span>
        </a>
      </header>
      <h1>Join a class</h1>
      <form class="form" onSubmit={submit} noValidate>
        <div class="field">
          <label for="join-code">Room code</label>
          <p class="field__hint" id="join-code-hint">
            The 6 digits on the projector
          </p>
          <input
            id="join-code"
            ref={codeInput}
            class="input input--code"
            name="code"
            inputMode="numeric"
            autocomplete="off"
            enterKeyHint="next"
            maxLength={9}
            value={code}
            aria-invalid={errors.code ? 'true' : 'false'}
            aria-describedby={errors.code ? 'join-code-hint join-code-error' : 'join-code-hint'}
            onInput={(e) => {
              setCode(e.currentTarget.value);
              if (errors.code) validate('code', e.currentTarget.value);
            }}
          />
          {errors.code && (
            <p class="field__error" id="join-code-error">
              <span aria-hidden="true">⚠ </span>
              {errors.code}
            </p>
          )}
        </div>
        <div class="field">
          <label for="join-nickname">Nickname</label>
          <p class="field__hint" id="join-nickname-hint">
            Shown on the leaderboard, up to {NICKNAME_MAX_LENGTH} characters
          </p>
          <input
            id="join-nickname"
            ref={nicknameInput}
            class="input"
            name="nickname"
            autocomplete="nickname"
            autocapitalize="words"
            enterKeyHint="go"
            spellcheck={false}
            maxLength={NICKNAME_MAX_LENGTH * 2}
            value={nickname}
            aria-invalid={errors.nickname ? 'true' : 'false'}
            aria-describedby={
              errors.nickname ? 'join-nickname-hint join-nickname-error' : 'join-nickname-hint'
            }
            onInput={(e) => {
              setNickname(e.currentTarget.value);
              if (errors.nickname) validate('nickname', e.currentTarget.value);
            }}
          />
          {errors.nickname && (
            <p class="field__error" id="join-nickname-error">
              <span aria-hidden="true">⚠ </span>
              {errors.nickname}
            </p>
          )}
        </div>
        {askRosterId && (
          <div class="field">
            <label for="join-roster-id">Student ID</label>
            <p class="field__hint" id="join-roster-id-hint">
              The ID on your school's class list
            </p>
            <input
              id="join-roster-id"
              ref={rosterIdInput}
              class="input"
              name="rosterId"
              autocomplete="off"
              autocapitalize="characters"
              enterKeyHint="go"
              spellcheck={false}
              maxLength={64}
              value={rosterId}
              aria-invalid={errors.rosterId ? 'true' : 'false'}
              aria-describedby={
                errors.rosterId ? 'join-roster-id-hint join-roster-id-error' : 'join-roster-id-hint'
              }
              onInput={(e) => {
                setRosterId(e.currentTarget.value);
                if (errors.rosterId) setErrors((x) => ({ ...x, rosterId: undefined }));
              }}
            />
            {errors.rosterId && (
              <p class="field__error" id="join-roster-id-error">
                <span aria-hidden="true">⚠ </span>
                {errors.rosterId}
              </p>
            )}
          </div>
        )}
        {problem && (
          <p class="form__problem" role="alert">
            {problem}
          </p>
        )}
        <button
          type="submit"
          class="button button--primary button--block"
          aria-disabled={busy ? 'true' : 'false'}
        >
          {busy ? 'Joining…' : 'Join'}
        </button>
        <p class="form__status" role="status" aria-live="polite">
          {status}
        </p>
      </form>
    </main>
  );
}

import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { hrefOf } from '../routing/route.parser.js';
import type { Loaded, LoadProblem } from './loaded.outcome.js';

/**
 * Loads a page's data with `request` whenever `key` changes (or `retry` is called); `outcome` is
 * undefined while it loads. A reply that comes after the page moved on is dropped.
 */
export function useLoaded<T>(request: () => Promise<Loaded<T>>, key: string) {
  const [outcome, setOutcome] = useState<Loaded<T> | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setOutcome(undefined);
    void request().then((o) => live && setOutcome(o));
    return () => {
      live = false;
    };
    // `request` is a new function on every render; `key` says what it loads.
  }, [key, attempt]);
  return { outcome, setOutcome, retry: () => setAttempt((a) => a + 1) };
}

/** The page while its data loads. */
export function Loading({
  pageClass,
  children,
}: {
  pageClass: string;
  children: ComponentChildren;
}) {
  return (
    <main class={`page ${pageClass}`} aria-busy="true">
      <p role="status">{children}</p>
    </main>
  );
}

/** The words of a page's problem screens. */
export interface ProblemTexts {
  /** e.g. "this report": "Sign in to see this report". */
  what: string;
  notFoundTitle: string;
  notFoundBody: ComponentChildren;
  backLabel: string;
  errorTitle: string;
}

/** The screen for a page whose data could not be loaded: sign in, no such thing, or try again. */
export function LoadProblemView({
  problem,
  texts,
  retry,
}: {
  problem: LoadProblem;
  texts: ProblemTexts;
  retry: () => void;
}) {
  const teach = hrefOf({ name: 'teach' });
  switch (problem.kind) {
    case 'signed-out':
      return (
        <main class="page page--narrow">
          <h1>Sign in to see {texts.what}</h1>
          <p role="alert">
            Your sign-in has ended on this browser. Sign in, then open {texts.what} again.
          </p>
          <a class="button button--primary" href={teach}>
            Sign in
          </a>
        </main>
      );
    case 'not-found':
      return (
        <main class="page page--narrow">
          <h1>{texts.notFoundTitle}</h1>
          <p role="alert">{texts.notFoundBody}</p>
          <a class="button button--primary" href={teach}>
            {texts.backLabel}
          </a>
        </main>
      );
    case 'error':
      return (
        <main class="page page--narrow">
          <h1>{texts.errorTitle}</h1>
          <p role="alert">{problem.message}</p>
          <button type="button" class="button button--primary" onClick={retry}>
            Try again
          </button>
        </main>
      );
  }
}

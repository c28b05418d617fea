/** The start page: students join a class; instructors run one; anyone can try the projector demos. */
export function HomeView() {
  return (
    <main class="page page--narrow home">
      <header class="brand">
        <span class="brand__mark" aria-hidden="true" />
        <h1 class="brand__name">podroom</h1>
      </header>
      <p class="lead">
        A live class on Kubernetes pod networking: follow the packet, answer on your phone.
      </p>
      <nav aria-label="Start" class="stack">
        <a class="button button--primary button--block" href="#/join">
          Join a class
        </a>
        <a class="button button--block" href="#/teach">
          Teach a class
        </a>
        <a class="button button--block" href="#/demo">
          Projector demos
        </a>
      </nav>
    </main>
  );
}

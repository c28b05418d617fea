import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { HomeView } from './home/home.view.js';
import { JoinView } from './join/join.view.js';
import type { Route } from './routing/route.parser.js';
import { useRoute } from './routing/use-route.js';

/** The projector code (and the simulation it runs) is loaded only by the screens that use it. */
const loadDemoList = () => import('./projector/demo-list.view.js').then((m) => m.DemoListView);
const loadDemo = () => import('./projector/demo.view.js').then((m) => m.DemoView);
/** The student's room, the instructor's screens and the room projector: loaded when opened. */
const loadPlay = () => import('./student/play.view.js').then((m) => m.PlayView);
const loadTeach = () => import('./teach/teach.view.js').then((m) => m.TeachView);
const loadConsole = () => import('./teach/console.view.js').then((m) => m.ConsoleView);
const loadReport = () => import('./reports/report.view.js').then((m) => m.ReportView);
const loadClass = () => import('./classes/class.view.js').then((m) => m.ClassView);
const loadClassReport = () =>
  import('./reports/class-report.view.js').then((m) => m.ClassReportView);
const loadScreen = () => import('./screen/screen.view.js').then((m) => m.ScreenView);

export function App() {
  const route = useRoute();
  useEffect(() => {
    document.title = titleOf(route);
  }, [route]);
  switch (route.name) {
    case 'home':
      return <HomeView />;
    case 'join':
      return <JoinView initialCode={route.code} />;
    case 'play':
      return <Lazy load={loadPlay} props={{}} />;
    case 'teach':
      return <Lazy load={loadTeach} props={{}} />;
    case 'console':
      return <Lazy key={route.roomId} load={loadConsole} props={{ roomId: route.roomId }} />;
    case 'report':
      return <Lazy key={route.roomId} load={loadReport} props={{ roomId: route.roomId }} />;
    case 'screen':
      return <Lazy key={route.roomId} load={loadScreen} props={{ roomId: route.roomId }} />;
    case 'class':
      return <Lazy key={route.classId} load={loadClass} props={{ classId: route.classId }} />;
    case 'class-report':
      return <Lazy key={route.classId} load={loadClassReport} props={{ classId: route.classId }} />;
    case 'demo-list':
      return <Lazy load={loadDemoList} props={{}} />;
    case 'demo':
      return (
        <Lazy
          key={route.scenario}
          load={loadDemo}
          props={{ scenario: route.scenario, detail: route.detail }}
        />
      );
    case 'not-found':
      return <NotFound />;
  }
}

function titleOf(route: Route): string {
  switch (route.name) {
    case 'join':
      return 'Join a class · podroom';
    case 'play':
      return 'Class · podroom';
    case 'teach':
      return 'Teach · podroom';
    case 'console':
      return 'Console · podroom';
    case 'report':
      return 'Report · podroom';
    case 'screen':
      return 'Projector · podroom';
    case 'class':
      return 'Class · podroom';
    case 'class-report':
      return 'Class report · podroom';
    case 'demo-list':
      return 'Projector demos · podroom';
    case 'demo':
      return `${route.scenario} · podroom projector`;
    default:
      return 'podroom';
  }
}

function Lazy<P extends object>(props: { load: () => Promise<ComponentType<P>>; props: P }) {
  const [View, setView] = useState<ComponentType<P> | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const { load } = props;
  useEffect(() => {
    let live = true;
    load().then(
      (view) => live && setView(() => view),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [load]);
  if (failed) {
    return (
      <main class="page page--narrow">
        <p role="alert">This screen could not be loaded. Check the connection and reload.</p>
      </main>
    );
  }
  if (!View) {
    return (
      <main class="page page--narrow" aria-busy="true">
        <p>Loading…</p>
      </main>
    );
  }
  return <View {...props.props} />;
}

function NotFound() {
  return (
    <main class="page page--narrow">
      <h1>Page not found</h1>
      <p>
        <a href="#/">Go to the start page</a>
      </p>
    </main>
  );
}

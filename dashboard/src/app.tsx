import { useEffect } from 'react';
import { NotFoundPage } from './pages/not-found-page.js';
import { TaskListPage } from './pages/task-list-page.js';
import { TaskPage } from './pages/task-page.js';
import { hrefFor } from './routing/routes.js';
import { useRoute } from './routing/use-route.js';

export function App() {
  const route = useRoute();
  const taskId = route.page === 'task' ? route.id : null;
  useEffect(() => {
    document.title = taskId ? `${taskId} · SWE AI Fleet` : 'Tasks · SWE AI Fleet';
    window.scrollTo(0, 0);
  }, [taskId]);

  return (
    <>
      <nav className="top-bar">
        <a className="brand" href={hrefFor({ page: 'tasks', filters: {} })}>
          SWE AI Fleet
        </a>
        <a href={hrefFor({ page: 'tasks', filters: {} })} aria-current={route.page === 'tasks' ? 'page' : undefined}>
          Tasks
        </a>
      </nav>
      {route.page === 'tasks' && <TaskListPage filters={route.filters} />}
      {route.page === 'task' && <TaskPage key={route.id} id={route.id} />}
      {route.page === 'not_found' && <NotFoundPage path={route.path} />}
    </>
  );
}

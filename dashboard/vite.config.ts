import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The app calls dashboard-api on its own origin under /api; vite forwards it in dev and preview,
// so the browser never needs CORS and the API address is configured in one place.
export default defineConfig(() => {
  const target = process.env.DASHBOARD_API_URL ?? 'http://127.0.0.1:8090';
  // xfwd: dashboard-api sees the browser's address (X-Forwarded-For), which its sign-in throttling counts.
  const proxy = { '/api': { target, changeOrigin: true, xfwd: true } };
  return {
    plugins: [react()],
    server: { port: 3000, strictPort: true, proxy },
    preview: { port: 3000, strictPort: true, proxy },
    build: {
      sourcemap: true,
      rolldownOptions: {
        output: {
          // Libraries change less often than the app: their own chunks stay cached across releases.
          codeSplitting: {
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
              { name: 'charts', test: /node_modules[\\/](recharts|d3-[a-z-]+|victory-vendor|@reduxjs|redux|immer|reselect|es-toolkit|decimal\.js-light)[\\/]/, priority: 20 },
              { name: 'vendor', test: /node_modules/, priority: 10 },
            ],
          },
        },
      },
    },
  };
});

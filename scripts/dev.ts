// `npm run dev`: the API server (restarted on change) behind Vite's dev server (hot reload).
import concurrently from 'concurrently';

const apiPort = process.env.REWIND_API_PORT ?? '8080';
const { result } = concurrently(
  [
    {
      name: 'api',
      command: 'node --watch --watch-path=server --watch-path=contract server/main.js',
      env: { PORT: apiPort, REWIND_PUBLIC_URL: 'http://localhost:5173' },
      prefixColor: 'blue',
    },
    {
      name: 'web',
      command: 'vite --port 5173 --strictPort',
      env: { REWIND_API_PORT: apiPort },
      prefixColor: 'magenta',
    },
  ],
  { killOthersOn: ['failure', 'success'], prefix: 'name' },
);
result.then(
  () => process.exit(0),
  () => process.exit(1),
);

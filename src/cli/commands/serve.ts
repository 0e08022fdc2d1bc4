// `landfall serve`: the server (API and workbench) with PGlite or DATABASE_URL.
import { readProxySettings } from '../../server/server-settings.ts';
import { InvalidInputError, defineLandfallCommand } from '../command.ts';

// Loaded only when the format or command needs them (TypeScript rewrites the .ts of a dynamic
// import only outside call arguments, so the loaders are declared here).
const loadServe = () => import('../../server/serve.ts');

export default defineLandfallCommand({
  meta: { name: 'serve', description: 'Start the Landfall server: the API under /api with an embedded database (PGlite) or DATABASE_URL; examples loaded as demo engagements on first start.' },
  args: {
    port: { type: 'string', description: 'Port (default $PORT or 4310; 0 picks a free one)' },
    host: { type: 'string', description: 'Interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface)' },
    'data-dir': { type: 'string', alias: 'data', description: 'PGlite data folder when DATABASE_URL is not set (default $LANDFALL_DATA_DIR or ./.landfall-data)' },
  },
  async run(args, context) {
    const { env } = context;
    const port = Number(args.port ?? env.PORT ?? 4310);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidInputError([{ path: '--port', message: `expected a port number; received "${args.port ?? env.PORT}"` }], 'arguments');
    const proxy = readProxySettings(env);
    if (proxy.problems.length > 0) throw new InvalidInputError(proxy.problems, 'settings');
    const { startServer } = await loadServe();
    const running = await startServer({
      port,
      host: args.host ?? env.LANDFALL_HOST ?? '127.0.0.1',
      databaseUrl: env.DATABASE_URL || undefined,
      dataDir: args['data-dir'] ?? env.LANDFALL_DATA_DIR ?? '.landfall-data',
      adminEmail: env.LANDFALL_ADMIN_EMAIL,
      adminPassword: env.LANDFALL_ADMIN_PASSWORD,
      trustedProxies: proxy.settings.trustedProxies,
      secureCookies: proxy.settings.secureCookies,
      today: () => context.today(),
      log: (line) => context.print(line),
    });
    return { exitCode: 0, daemon: running };
  },
});

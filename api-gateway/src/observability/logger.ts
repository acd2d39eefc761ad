import { type BaseLogger, pino, type Logger } from 'pino';

/** What modules outside HTTP need to log; both pino loggers and Fastify's request loggers fit. */
export type Log = Pick<BaseLogger, 'error' | 'warn' | 'info' | 'debug'>;

/** JSON logs; credentials are redacted wherever they might appear in a logged object. */
export function createLogger(level: string, service: string): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-hub-signature-256"]',
        'req.headers["x-hub-signature"]',
        'req.headers["x-slack-signature"]',
        'req.headers["sentry-hook-signature"]',
        'req.headers["x-signature-256"]',
        'headers.authorization',
        '*.token',
        '*.password',
        '*.secret',
        'config.SERVICE_TOKEN',
        'config.GITHUB_WEBHOOK_SECRET',
        'config.SLACK_SIGNING_SECRET',
        'config.JIRA_WEBHOOK_SECRET',
        'config.SENTRY_CLIENT_SECRET',
        'config.CREDENTIALS_ENCRYPTION_KEY',
        '*.response_url',
        'config.DATABASE_URL',
        'config.REDIS_URL',
      ],
      censor: '[redacted]',
    },
  });
}

import { pino, type Logger } from 'pino';

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
        'headers.authorization',
        'headers.Authorization',
        '*.token',
        '*.password',
        '*.secret',
        '*.api_token',
        '*.apiToken',
        'config.SERVICE_TOKEN',
        'config.JIRA_API_TOKEN',
        'config.CREDENTIALS_ENCRYPTION_KEY',
      ],
      censor: '[redacted]',
    },
  });
}

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
        '*.token',
        '*.password',
        '*.secret',
        'config.SERVICE_TOKEN',
        'config.GITHUB_TOKEN',
        'config.GITHUB_APP_PRIVATE_KEY',
        'config.CREDENTIALS_ENCRYPTION_KEY',
        '*.private_key',
        '*.privateKey',
        '*.authenticated_url',
      ],
      censor: '[redacted]',
    },
  });
}

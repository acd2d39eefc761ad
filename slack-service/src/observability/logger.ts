import { type Logger, pino } from 'pino';

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
        '*.bot_token',
        '*.response_url',
        '*.password',
        '*.secret',
        'config.SERVICE_TOKEN',
        'config.SLACK_BOT_TOKEN',
        'config.CREDENTIALS_ENCRYPTION_KEY',
      ],
      censor: '[redacted]',
    },
  });
}

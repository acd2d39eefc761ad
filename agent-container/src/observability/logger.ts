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
        '*.apiKey',
        '*.api_key',
        'config.SERVICE_TOKEN',
        'config.VLLM_API_KEY',
        'config.DATABASE_URL',
        'config.REDIS_URL',
      ],
      censor: '[redacted]',
    },
  });
}

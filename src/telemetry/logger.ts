import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout. Authorization values are redacted wherever they appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'parallax' },
    redact: {
      paths: ['*.authorization', '*.headers.authorization', 'headers.authorization', '*.password'],
      censor: '[redacted]',
    },
  });
}

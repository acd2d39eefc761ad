import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, auth, startTestApp } from '../support/test-app.js';

describe('sentry-service latest event', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('returns the stack trace with frames, source context and tags of the latest event', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/1/events/latest', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(t.sentry.requests.at(-1)).toMatchObject({ method: 'GET', path: `/api/0/organizations/${t.sentry.organization}/issues/1/events/latest/` });
    const event = response.json();
    expect(event).toMatchObject({
      eventID: '9999aaaaca8b46d797c23c6077c6ff01',
      groupID: '1',
      title: 'This is an example Python exception',
      message: null,
      platform: 'javascript',
      release: 'b65bc521378269d3eaefdc964f8ef56621414943',
      environment: 'prod',
      request: { method: null, url: 'https://sentry.io/organizations/hellboy-meowmeow/issues/' },
    });
    expect(event.tags).toContainEqual({ key: 'browser', value: 'Chrome 83.0.4103' });
    expect(event.exceptions).toHaveLength(1);
    const [exception] = event.exceptions;
    expect(exception).toMatchObject({ type: 'ForbiddenError', value: 'GET /organizations/hellboy-meowmeow/users/ 403', mechanism: { type: 'generic', handled: true } });
    expect(exception.frames.map((frame: { function: string }) => frame.function)).toEqual(['apply', 'ignoreOnError']);
    expect(exception.frames[1]).toEqual({
      filename: '/usr/src/getsentry/src/sentry/node_modules/@sentry/browser/esm/helpers.js',
      absPath: 'webpack:////usr/src/getsentry/src/sentry/node_modules/@sentry/browser/esm/helpers.js',
      module: 'usr/src/getsentry/src/sentry/node_modules/@sentry/browser/esm/helpers',
      function: 'ignoreOnError',
      lineNo: 71,
      colNo: 23,
      inApp: false,
      context: [
        { lineNo: 70, line: '            //       is expected behavior and NOT indicative of a bug with sentry.javascript.' },
        { lineNo: 71, line: '            return fn.apply(this, wrappedArguments);' },
        { lineNo: 72, line: '            // tslint:enable:no-unsafe-any' },
      ],
    });
  });

  it('answers 502 sentry_bad_response when Sentry answers 200 with something that is not an event', async () => {
    t.sentry.failNext({ status: 200, body: { unexpected: true } });
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/1/events/latest', headers: auth });
    expect(response.statusCode).toBe(502);
    expect(response.json().code).toBe('sentry_bad_response');
  });

  it('maps a missing issue to 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/issues/4242/events/latest', headers: auth });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'sentry_not_found', message: 'Sentry: The requested resource does not exist' });
  });
});

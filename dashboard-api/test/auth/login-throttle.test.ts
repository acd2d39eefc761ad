import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/auth/login-throttle.js';

describe('LoginThrottle', () => {
  it('blocks a key after five failures in the window, until the oldest failure ages out', () => {
    let now = 0;
    const throttle = new LoginThrottle(5, 60_000, () => now);
    for (let i = 0; i < 4; i += 1) {
      throttle.fail(['email:a']);
      now += 1_000;
    }
    expect(throttle.retryAfterSeconds(['email:a'])).toBe(0);
    throttle.fail(['email:a']);
    expect(throttle.retryAfterSeconds(['email:a', 'ip:1'])).toBe(56);
    expect(throttle.retryAfterSeconds(['email:b'])).toBe(0);
    now = 60_001;
    expect(throttle.retryAfterSeconds(['email:a'])).toBe(0);
  });

  it('forgets a key on success, and the oldest keys first when it holds too many', () => {
    const throttle = new LoginThrottle(1, 60_000, () => 0, 2);
    throttle.fail(['a']);
    throttle.succeed(['a']);
    expect(throttle.retryAfterSeconds(['a'])).toBe(0);
    throttle.fail(['b']);
    throttle.fail(['c']);
    throttle.fail(['d']);
    expect(throttle.retryAfterSeconds(['b'])).toBe(0);
    expect(throttle.retryAfterSeconds(['d'])).toBe(60);
  });
});

import { describe, expect, it } from 'vitest';
import type { Subject } from '../domain/identity.ts';
import { PersonalAnswers } from './answers.ts';

const suzanne: Subject = { type: 'persoon', bsn: '999993653' };
const lotte: Subject = { type: 'persoon', bsn: '999990019' };
const bakkerij: Subject = { type: 'bedrijf', kvkNummer: '69599084' };
const bakkerijMarktstraat: Subject = { type: 'bedrijf', kvkNummer: '69599084', vestigingsnummer: '000038509504', vestigingen: ['000038509504'] };

/** A source that answers with the number of times it was asked, for whom. */
function counting() {
  const asked: string[] = [];
  return {
    asked,
    ask: (who: string) => async () => {
      asked.push(who);
      return `${who} #${asked.length}`;
    },
  };
}

describe('answers about a person kept for a few seconds', () => {
  it('gives a person their own kept answer, never another person’s', async () => {
    const answers = new PersonalAnswers({ ttlMs: 60_000 });
    const source = counting();
    expect(await answers.get('zaken', suzanne, 'demo zaken', source.ask('suzanne'))).toBe('suzanne #1');
    expect(await answers.get('zaken', lotte, 'demo zaken', source.ask('lotte'))).toBe('lotte #2');
    expect(await answers.get('zaken', suzanne, 'demo zaken', source.ask('suzanne'))).toBe('suzanne #1');
    // The company asked at one vestiging sees other zaken than the whole company: not the same answer.
    expect(await answers.get('zaken', bakkerij, 'demo zaken', source.ask('bakkerij'))).toBe('bakkerij #3');
    expect(await answers.get('zaken', bakkerijMarktstraat, 'demo zaken', source.ask('marktstraat'))).toBe('marktstraat #4');
    expect(source.asked).toEqual(['suzanne', 'lotte', 'bakkerij', 'marktstraat']);
  });

  it('asks again once the time is over, and keeps nothing with time 0', async () => {
    const short = new PersonalAnswers({ ttlMs: 20 });
    const source = counting();
    await short.get('zaken', suzanne, 'q', source.ask('a'));
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await short.get('zaken', suzanne, 'q', source.ask('b'))).toBe('b #2');

    const none = new PersonalAnswers({ ttlMs: 0 });
    await none.get('zaken', suzanne, 'q', source.ask('c'));
    expect(await none.get('zaken', suzanne, 'q', source.ask('d'))).toBe('d #4');
    expect(none.size).toBe(0);
  });

  it('drops the kept answers of a kanaal for everyone when a notification arrives, and only those', async () => {
    const answers = new PersonalAnswers({ ttlMs: 60_000 });
    const source = counting();
    await answers.get('zaken', suzanne, 'q', source.ask('zaken suzanne'));
    await answers.get('zaken', lotte, 'q', source.ask('zaken lotte'));
    await answers.get('objecten', suzanne, 'q', source.ask('taken suzanne'));
    answers.notified('zaken');
    expect(await answers.get('zaken', suzanne, 'q', source.ask('zaken suzanne'))).toBe('zaken suzanne #4');
    expect(await answers.get('zaken', lotte, 'q', source.ask('zaken lotte'))).toBe('zaken lotte #5');
    expect(await answers.get('objecten', suzanne, 'q', source.ask('taken suzanne'))).toBe('taken suzanne #3');
    answers.notified('documenten');
    expect(await answers.get('zaken', suzanne, 'q', source.ask('zaken suzanne'))).toBe('zaken suzanne #6');
    answers.notified('objecten');
    expect(await answers.get('objecten', suzanne, 'q', source.ask('taken suzanne'))).toBe('taken suzanne #7');
    // A kanaal not known here drops everything.
    answers.notified('iets-nieuws');
    expect(answers.size).toBe(0);
  });

  it('drops one person’s or company’s answers after a change made for them, at every vestiging', async () => {
    const answers = new PersonalAnswers({ ttlMs: 60_000 });
    const source = counting();
    await answers.get('objecten', suzanne, 'q', source.ask('suzanne'));
    await answers.get('objecten', lotte, 'q', source.ask('lotte'));
    await answers.get('objecten', bakkerijMarktstraat, 'q', source.ask('marktstraat'));
    answers.forget('objecten', suzanne);
    answers.forget('objecten', bakkerij);
    expect(await answers.get('objecten', suzanne, 'q', source.ask('suzanne'))).toBe('suzanne #4');
    expect(await answers.get('objecten', lotte, 'q', source.ask('lotte'))).toBe('lotte #2');
    expect(await answers.get('objecten', bakkerijMarktstraat, 'q', source.ask('marktstraat'))).toBe('marktstraat #5');
  });

  it('drops the answers of everyone in a batch at once, in that area only, and no one else’s', async () => {
    const answers = new PersonalAnswers({ ttlMs: 60_000 });
    const source = counting();
    await answers.get('berichten', suzanne, 'inbox', source.ask('berichten suzanne'));
    await answers.get('berichten', lotte, 'inbox', source.ask('berichten lotte'));
    await answers.get('berichten', bakkerijMarktstraat, 'inbox', source.ask('berichten marktstraat'));
    await answers.get('zaken', suzanne, 'q', source.ask('zaken suzanne'));
    answers.forgetEach('berichten', [suzanne, bakkerij]);
    expect(await answers.get('berichten', suzanne, 'inbox', source.ask('berichten suzanne'))).toBe('berichten suzanne #5');
    expect(await answers.get('berichten', bakkerijMarktstraat, 'inbox', source.ask('berichten marktstraat'))).toBe('berichten marktstraat #6');
    expect(await answers.get('berichten', lotte, 'inbox', source.ask('berichten lotte'))).toBe('berichten lotte #2');
    expect(await answers.get('zaken', suzanne, 'q', source.ask('zaken suzanne'))).toBe('zaken suzanne #4');
  });

  it('asks once for requests that come together, keeps no failure, and does not keep an answer asked before a drop', async () => {
    const answers = new PersonalAnswers({ ttlMs: 60_000 });
    let calls = 0;
    let release!: () => void;
    const slow = () =>
      new Promise<string>((resolve) => {
        const n = ++calls;
        release = () => resolve(`answer ${n}`);
      });
    const first = answers.get('zaken', suzanne, 'q', slow);
    const second = answers.get('zaken', suzanne, 'q', slow);
    release();
    expect(await Promise.all([first, second])).toEqual(['answer 1', 'answer 1']);
    expect(calls).toBe(1);

    await expect(answers.get('zaken', lotte, 'q', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await answers.get('zaken', lotte, 'q', async () => 'up')).toBe('up');

    // Asked before the notification, answered after it: given to who asked, but not kept, and not shared with who asks after.
    const before = answers.get('objecten', suzanne, 'q', slow);
    const releaseBefore = release;
    answers.notified('objecten');
    const after = answers.get('objecten', suzanne, 'q', slow);
    releaseBefore();
    release();
    expect(await before).toBe('answer 2');
    expect(await after).toBe('answer 3');
    expect(await answers.get('objecten', suzanne, 'q', async () => 'fresh')).toBe('answer 3');
  });

  it('keeps at most maxEntries answers, and at most maxItems things in them', async () => {
    const answers = new PersonalAnswers({ ttlMs: 60_000, maxEntries: 3 });
    for (let i = 0; i < 10; i++) await answers.get('zaken', { type: 'persoon', bsn: String(i) }, 'q', async () => i);
    expect(answers.size).toBe(3);

    const bySize = new PersonalAnswers({ ttlMs: 60_000, maxItems: 100 });
    const zaken = (n: number) => async () => ({ zaken: Array.from({ length: n }, (_, i) => i), notShown: 0 });
    await bySize.get('zaken', suzanne, 'q', zaken(60));
    await bySize.get('zaken', lotte, 'q', zaken(30));
    expect(bySize.size).toBe(2);
    // 60 + 30 + 30 things are more than 100: the least recently used answer (Suzanne's) goes.
    await bySize.get('zaken', bakkerij, 'q', zaken(30));
    expect(bySize.size).toBe(2);
    const source = counting();
    expect(await bySize.get('zaken', suzanne, 'q', source.ask('suzanne again'))).toBe('suzanne again #1');
  });
});

describe('kept answers renewed ahead, in the background, when used near their end', () => {
  /** A clock of the test's own; every answer renewed from 3/4 of its time (random 0: the last quarter). */
  function renewing(options: { random?: number; log?: { warn: (obj: object, msg: string) => void } } = {}) {
    const clock = { now: 1_000 };
    const answers = new PersonalAnswers({ ttlMs: 5_000, now: () => clock.now, random: () => options.random ?? 0, log: options.log });
    return { clock, answers };
  }
  /** A source whose answers come when the test releases them: `answer n`. */
  function held() {
    const waiting: { resolve: (value: string) => void; reject: (error: Error) => void }[] = [];
    let asked = 0;
    return {
      get asked() {
        return asked;
      },
      ask: () =>
        new Promise<string>((resolve, reject) => {
          const n = ++asked;
          waiting.push({ resolve: () => resolve(`answer ${n}`), reject });
        }),
      release: () => waiting.shift()!.resolve(''),
      fail: () => waiting.shift()!.reject(new Error('down for 999993653')),
    };
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  /** Answer 1 kept in `area`, then used 4 s later (in its last fifth): given at once, and a renewal asked (answer 2). */
  async function renewalUnderway(clock: { now: number }, answers: PersonalAnswers, source: ReturnType<typeof held>, area: 'zaken' | 'objecten') {
    const first = answers.get(area, suzanne, 'q', source.ask);
    source.release();
    await first;
    clock.now += 4_000;
    expect(await answers.get(area, suzanne, 'q', source.ask)).toBe('answer 1');
    expect(source.asked).toBe(2);
  }

  it('gives the page near the end the kept answer at once, and the next page the renewed one', async () => {
    const { clock, answers } = renewing();
    const source = held();
    const first = answers.get('zaken', suzanne, 'q', source.ask);
    source.release();
    expect(await first).toBe('answer 1');
    // Before the last quarter: the kept answer, nothing asked.
    clock.now += 3_700;
    expect(await answers.get('zaken', suzanne, 'q', source.ask)).toBe('answer 1');
    expect(source.asked).toBe(1);
    // In the last quarter: the kept answer at once (the renewal's answer has not come), and it is asked again.
    clock.now += 100;
    expect(await answers.get('zaken', suzanne, 'q', source.ask)).toBe('answer 1');
    expect(source.asked).toBe(2);
    // Only one renewal at a time: the pages meanwhile get the kept answer and ask nothing.
    expect(await answers.get('zaken', suzanne, 'q', source.ask)).toBe('answer 1');
    expect(await answers.get('zaken', suzanne, 'q', source.ask)).toBe('answer 1');
    expect(source.asked).toBe(2);
    source.release();
    await settle();
    expect(await answers.get('zaken', suzanne, 'q', source.ask)).toBe('answer 2');
    // The renewed answer has a time of its own: after the first one's end it is still given.
    clock.now += 2_000;
    expect(await answers.get('zaken', suzanne, 'q', source.ask)).toBe('answer 2');
    expect(source.asked).toBe(2);
  });

  it('renews each answer from its own moment between the last quarter and the last eighth of its time', async () => {
    const early = renewing({ random: 0 });
    const late = renewing({ random: 0.999 });
    for (const { answers } of [early, late]) await answers.get('zaken', suzanne, 'q', async () => 'kept');
    early.clock.now += 3_800;
    late.clock.now += 3_800;
    let asked = 0;
    const ask = async () => `asked ${++asked}`;
    await early.answers.get('zaken', suzanne, 'q', ask);
    await late.answers.get('zaken', suzanne, 'q', ask);
    expect(asked).toBe(1);
    late.clock.now += 600; // 4,400 ms: past the last eighth
    await late.answers.get('zaken', suzanne, 'q', ask);
    expect(asked).toBe(2);
  });

  it('does not keep a renewal during which the answers were dropped; the drop removes the kept answer at once', async () => {
    const { clock, answers } = renewing();
    const source = held();
    await renewalUnderway(clock, answers, source, 'objecten');
    answers.notified('objecten');
    // After the drop the kept answer is gone and the renewal (asked before it) is not shared: asked anew.
    const after = answers.get('objecten', suzanne, 'q', source.ask);
    expect(source.asked).toBe(3);
    source.release(); // the renewal's answer, asked before the drop
    source.release();
    expect(await after).toBe('answer 3');
    await settle();
    expect(await answers.get('objecten', suzanne, 'q', source.ask)).toBe('answer 3');

    // A drop of this person alone during a renewal: not kept either.
    clock.now += 4_000;
    expect(await answers.get('objecten', suzanne, 'q', source.ask)).toBe('answer 3');
    expect(source.asked).toBe(4);
    answers.forget('objecten', suzanne);
    source.release();
    await settle();
    expect(await answers.get('objecten', suzanne, 'q', async () => 'asked after the drop')).toBe('asked after the drop');
  });

  it('keeps serving the kept answer until its end when a renewal fails, logs nothing about the person, then asks again', async () => {
    const logged: { obj: object; msg: string }[] = [];
    const { clock, answers } = renewing({ log: { warn: (obj, msg) => logged.push({ obj, msg }) } });
    const source = held();
    await renewalUnderway(clock, answers, source, 'zaken');
    source.fail();
    await settle();
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).not.toContain('999993653');
    expect(logged[0]!.obj).toMatchObject({ area: 'zaken' });
    // Still the kept answer, and no second renewal of it.
    expect(await answers.get('zaken', suzanne, 'q', source.ask)).toBe('answer 1');
    expect(source.asked).toBe(2);
    // After its end: asked again, in the foreground.
    clock.now += 1_001;
    const again = answers.get('zaken', suzanne, 'q', source.ask);
    expect(source.asked).toBe(3);
    source.release();
    expect(await again).toBe('answer 3');
  });

  it('with { renew: ask } asks that in the background instead of the page’s question', async () => {
    const { clock, answers } = renewing();
    let pageAsked = 0;
    let renewalAsked = 0;
    const page = async () => `page ${++pageAsked}`;
    const renewal = async () => `renewal ${++renewalAsked}`;
    await answers.get('zaken', lotte, 'other', page, { renew: renewal });
    clock.now += 4_000;
    expect(await answers.get('zaken', lotte, 'other', page, { renew: renewal })).toBe('page 1');
    await settle();
    expect(await answers.get('zaken', lotte, 'other', page, { renew: renewal })).toBe('renewal 1');
    expect(pageAsked).toBe(1);
  });
});

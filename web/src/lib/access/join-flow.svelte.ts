import { isJoinCode, normaliseJoinCode } from '@kinboard/shared/access/join-code';
import { api, type JoinStatus } from './api.ts';

export type JoinStep = 'code' | 'details' | 'waiting' | 'admitted' | 'refused' | 'finished';

/** Every ~2 s while waiting: one small request, fine on one bar of signal. */
const pollEveryMs = 2000;
/** A request that has not answered by then is given up, and the next one tried. */
const requestTimeoutMs = 8000;

/**
 * A phone's way into a meeting: the code, a name and how the person knows the child, then the
 * lobby until the chair decides. Only the server's httpOnly guest cookie remembers the phone;
 * nothing is written to the phone's storage.
 */
export class JoinFlow {
  step: JoinStep = $state('code');
  code = $state('');
  name = $state('');
  relationship = $state('');
  problem = $state('');
  problemField: string | undefined = $state();
  /** True while the last status check got no answer: shown as a gentle note, polling goes on. */
  unreachable = $state(false);
  busy = $state(false);
  /** Seconds until the server checks this network's next code (many wrong ones came from it). */
  waitSeconds = $state(0);
  meetingId = $state('');

  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  readonly #onVisible = () => {
    if (document.visibilityState === 'visible' && this.step === 'waiting') this.#pollNow();
  };

  /**
   * The first step is what the server rendered (the form, or where the form's redirect said
   * [LANG17]), so the page is usable before its script and hydrates without a change.
   */
  constructor(code: string | undefined, start: { step?: string | null; problem?: string | null } = {}) {
    this.code = code ? normaliseJoinCode(code) : '';
    const codeOk = isJoinCode(this.code);
    const step =
      start.step === 'waiting' || start.step === 'refused' || start.step === 'finished'
        ? start.step
        : undefined;
    this.step = step ?? (codeOk ? 'details' : 'code');
    const problem = start.problem ?? (this.code && !codeOk ? 'codeBad' : '');
    if (problem === 'codeBad' || problem === 'codeNotFound') {
      this.step = 'code';
      this.#fail(problem, 'code');
    } else if (problem === 'nameMissing') this.#fail(problem, 'name');
    else if (problem === 'relationshipMissing') this.#fail(problem, 'relationship');
  }

  /** In the browser only: listens for the phone coming back to the tab, and resumes. */
  start(): void {
    document.addEventListener('visibilitychange', this.#onVisible);
    void this.#resume();
  }

  /** A phone that already asked (a reload, a dropped signal) carries on where it was. */
  async #resume(): Promise<void> {
    const answer = await this.#status();
    if (this.#stopped) return;
    if (answer && answer !== 'gone' && (answer.status === 'waiting' || answer.status === 'admitted')) {
      this.#accept(answer);
      return;
    }
    if (this.step === 'waiting') this.step = this.code ? 'details' : 'code';
  }

  submitCode(): void {
    this.problem = '';
    this.problemField = undefined;
    const code = normaliseJoinCode(this.code);
    if (!isJoinCode(code)) return this.#fail('codeBad', 'code');
    this.code = code;
    this.step = 'details';
  }

  async ask(): Promise<void> {
    this.problem = '';
    this.problemField = undefined;
    if (!this.name.trim()) return this.#fail('nameMissing', 'name');
    if (!this.relationship.trim()) return this.#fail('relationshipMissing', 'relationship');
    this.busy = true;
    this.waitSeconds = 0;
    const answer = await api<JoinStatus>('POST', '/api/join', {
      code: this.code,
      name: this.name.trim(),
      relationship: this.relationship.trim(),
    });
    this.busy = false;
    if (answer.ok) return this.#accept(answer.body);
    // Codes from this network are being checked slowly: wait its turn and ask again, by itself.
    if (answer.status === 429 && answer.retryAfterSeconds !== undefined && answer.retryAfterSeconds <= 60)
      return this.#askAgainIn(answer.retryAfterSeconds);
    if (answer.status === 404 || answer.field === 'code') {
      this.step = 'code';
      return this.#fail(answer.status === 404 ? 'codeNotFound' : 'codeBad', 'code');
    }
    this.problem = answer.message;
    this.problemField = answer.field;
  }

  #askAgainIn(seconds: number): void {
    this.waitSeconds = seconds;
    clearTimeout(this.#timer);
    const tick = () => {
      if (this.#stopped || this.step !== 'details') return;
      this.waitSeconds -= 1;
      if (this.waitSeconds > 0) this.#timer = setTimeout(tick, 1000);
      else void this.ask();
    };
    this.#timer = setTimeout(tick, 1000);
  }

  /** The problem as a key the page turns into words, or the server's own sentence. */
  #fail(key: string, field: string): void {
    this.problem = key;
    this.problemField = field;
  }

  #accept(status: JoinStatus): void {
    this.meetingId = status.meetingId;
    if (status.status === 'admitted') this.step = 'admitted';
    else if (status.status === 'refused') this.step = 'refused';
    else if (status.status === 'left') this.step = 'finished';
    else {
      this.step = 'waiting';
      this.#schedule();
    }
  }

  /** The phone's place in the lobby; 'gone' when the server knows no pass; undefined for no answer. */
  async #status(): Promise<JoinStatus | 'gone' | undefined> {
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), requestTimeoutMs);
    const answer = await api<JoinStatus | null>('GET', '/api/join/status', undefined, (input, init) =>
      fetch(input, { ...init, signal: abort.signal }),
    );
    clearTimeout(timeout);
    if (answer.ok) {
      this.unreachable = false;
      // null: this browser holds no pass [FIRST6].
      return answer.body ?? 'gone';
    }
    this.unreachable = answer.status === 0 || answer.status >= 500;
    return answer.status === 401 || answer.status === 404 ? 'gone' : undefined;
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    if (this.#stopped) return;
    this.#timer = setTimeout(() => this.#pollNow(), pollEveryMs);
  }

  #pollNow(): void {
    clearTimeout(this.#timer);
    void this.#status().then((answer) => {
      if (this.#stopped || this.step !== 'waiting') return;
      if (answer === 'gone') this.step = this.code ? 'details' : 'code';
      else if (answer) this.#accept(answer);
      else this.#schedule();
    });
  }

  destroy(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    document.removeEventListener('visibilitychange', this.#onVisible);
  }
}

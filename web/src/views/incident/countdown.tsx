// The incident clock on screen: the server's time kept by the browser (the offset between the
// two clocks measured when an answer arrives, so a wrong clock on the laptop does not move a
// deadline), ticking every second, shown in Beijing time, and a countdown per deadline that says
// clearly when it has passed.
import { useEffect, useState } from 'preact/hooks';
import { t, tx, useT } from '../../i18n/i18n.ts';

const BEIJING = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** An instant as `YYYY-MM-DD HH:mm:ss` in Beijing time. */
export function beijing(instant: number): string {
  const parts = Object.fromEntries(BEIJING.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The server's clock now, from its `clock.now` in the last answer, ticking every second. */
export function useServerNow(serverNow: string | undefined): number {
  const [offset, setOffset] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (serverNow) setOffset(Date.parse(serverNow) - Date.now());
  }, [serverNow]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now + offset;
}

/** `2 h 05 min 09 s`, or `3 d 4 h 05 min` beyond a day. */
export function span(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const days = Math.floor(whole / 86_400);
  const hours = Math.floor((whole % 86_400) / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  return days > 0 ? t('countdown.days', { days, hours, minutes: two(minutes) }) : t('countdown.hours', { hours, minutes: two(minutes), seconds: two(rest) });
}

/** The time left to a deadline, or how long ago it passed. */
export function Countdown({ dueAt, now, done }: { dueAt: string; now: number; done?: boolean }) {
  const t = useT();
  const seconds = (Date.parse(dueAt) - now) / 1000;
  if (done) return <span class="countdown" data-state="done">{t('countdown.done')}</span>;
  if (seconds < 0) {
    return (
      <span class="countdown" data-state="overdue" role="timer" aria-label={t('countdown.overdue', { span: span(-seconds) })}>
        {tx('countdown.overdueRich', { span: span(-seconds), strong: (chunks) => <strong>{chunks}</strong> })}
      </span>
    );
  }
  return (
    <span class="countdown" data-state={seconds < 3600 ? 'soon' : 'running'} role="timer" aria-label={t('countdown.left', { span: span(seconds) })}>
      {t('countdown.left', { span: span(seconds) })}

    </span>
  );
}

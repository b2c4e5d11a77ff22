import { afterEach, describe, expect, it } from 'vitest';
import { isoToDay } from '../../src/schedule/days.js';
import { sm2Scheduler } from '../../src/schedule/scheduler.js';
import { statsText } from '../../src/stats/chart.js';
import { computeStats, statsOf } from '../../src/stats/compute.js';
import type { Db } from '../../src/store/database.js';
import { openStudyDatabase, recordAnswer, syncCards, undoAnswer } from '../../src/study/index.js';
import { unitSchedules } from '../../src/study/tables.js';
import { card, tempDbPath } from '../study/fixtures.js';

const day = isoToDay('2026-03-01');
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

describe('stats', () => {
  it('counts new, learning, due, mature, today\'s answers, 30-day recall and the forecast', () => {
    const db = openStudyDatabase(tempDbPath());
    open.push(db);
    const ids = ['a', 'b', 'c', 'd', 'e'];
    syncCards(db, ids.map((id) => card(id, { deck: id === 'e' ? 'Other' : 'Bio' })), new Date('2026-01-01T09:00:00Z'));
    const answer = (id: string, grade: 0 | 1 | 2 | 3 | 4 | 5, onDay: number) =>
      recordAnswer(db, { cardId: id, ord: 0 }, grade, { now: new Date((onDay * 86_400 + 36_000) * 1000), today: onDay }, sm2Scheduler);
    // a: four perfect answers, the last 36 days ago (outside the 30-day window): interval 48 (mature), due on day + 12.
    answer('a', 5, day - 60); answer('a', 5, day - 59); answer('a', 5, day - 53); answer('a', 5, day - 36);
    answer('b', 4, day - 1); // interval 1: due today
    answer('c', 2, day); // failed today: due tomorrow
    answer('c', 4, day); // same-day repeat
    const undone = answer('d', 1, day);
    undoAnswer(db, undone.reviewId, new Date());
    const stats = computeStats(db, day, 14);
    // b was recalled (young); c failed today (back in learning steps).
    expect(stats).toMatchObject({ today: '2026-03-01', new: 2, learning: 1, young: 1, mature: 1, due: 1, retired: 0, reviewsToday: 2 });
    // Scheduled answers in the last 30 days: b 4, c 2 -> 1 of 2 recalled (the repeat and the undone answer do not count).
    expect(stats.retention30d).toBe(0.5);
    expect(stats.forecast).toHaveLength(14);
    expect(stats.forecast.slice(0, 2)).toEqual([{ date: '2026-03-01', due: 1 }, { date: '2026-03-02', due: 1 }]);
    expect(stats.forecast[12]).toEqual({ date: '2026-03-13', due: 1 });
    expect(stats.forecast.reduce((sum, d) => sum + d.due, 0)).toBe(3);
    expect(computeStats(db, day, 30, 'Other')).toMatchObject({ new: 1, learning: 0, young: 0, mature: 0, retention30d: null });

    const chart = statsText(stats, 10).split('\n');
    expect(chart).toContain('  03-01 Su 1 ██████████  (today, with overdue)');
    expect(chart).toContain('  03-03 Tu 0');
  });

  it('tell relearning cards from recalled ones that share a deck, due day and interval', () => {
    const db = openStudyDatabase(tempDbPath());
    open.push(db);
    syncCards(db, ['f1', 'f2', 'r1', 'r2', 'n'].map((id) => card(id, { deck: 'Bio' })), new Date('2026-01-01T09:00:00Z'));
    const answer = (id: string, grade: 0 | 1 | 2 | 3 | 4 | 5) =>
      recordAnswer(db, { cardId: id, ord: 0 }, grade, { now: new Date((day * 86_400 + 36_000) * 1000), today: day }, sm2Scheduler);
    // A first answer, failed or recalled, schedules the card for tomorrow with an interval of a day.
    answer('f1', 1);
    answer('f2', 2);
    answer('r1', 4);
    answer('r2', 5);
    expect(unitSchedules(db).sort((a, b) => Number(a.lapsed) - Number(b.lapsed) || (a.due ?? 0) - (b.due ?? 0))).toEqual([
      { deck: 'Bio', due: null, interval: 0, lapsed: false, retired: false, count: 1 },
      { deck: 'Bio', due: day + 1, interval: 1, lapsed: false, retired: false, count: 2 },
      { deck: 'Bio', due: day + 1, interval: 1, lapsed: true, retired: false, count: 2 },
    ]);
    expect(computeStats(db, day, 7)).toMatchObject({ new: 1, learning: 2, young: 2, mature: 0 });
  });

  it('are a pure calculation over the cards\' schedules and the recent answers', () => {
    const units = [
      { deck: 'Bio', due: null, interval: 0, retired: false },
      { deck: 'Bio::Cells', due: day - 3, interval: 20, retired: false }, // overdue: counted today
      { deck: 'Bio', due: day + 2, interval: 21, retired: false }, // mature from 21 days on
      { deck: 'Bio', due: day + 5, interval: 40, retired: true },
      { deck: 'Biology', due: day, interval: 1, retired: false }, // not below Bio
    ];
    const answers = [
      { deck: 'Bio', grade: 3, kind: 'scheduled', day },
      { deck: 'Bio', grade: 2, kind: 'scheduled', day: day - 10 },
      { deck: 'Bio', grade: 5, kind: 'repeat', day },
    ];
    const stats = statsOf(units, answers, day, 3, 'bio');
    expect(stats).toMatchObject({ new: 1, learning: 0, young: 1, mature: 1, due: 1, retired: 1, reviewsToday: 2, retention30d: 0.5 });
    expect(stats.forecast.map((d) => d.due)).toEqual([1, 0, 1]);
  });

  it('per deck, day by day over the last 30 days, and the time spent, on a scripted history', () => {
    const db = openStudyDatabase(tempDbPath());
    open.push(db);
    syncCards(db, ['a', 'b', 'c', 'x'].map((id) => card(id, { deck: id === 'x' ? 'Chem' : 'Bio' })), new Date('2026-01-01T09:00:00Z'));
    const answer = (id: string, grade: 0 | 1 | 2 | 3 | 4 | 5, onDay: number, second: number) =>
      recordAnswer(db, { cardId: id, ord: 0 }, grade, { now: new Date((onDay * 86_400 + 36_000 + second) * 1000), today: onDay }, sm2Scheduler);
    answer('a', 4, day - 2, 0);
    answer('a', 5, day - 1, 0);
    // Today: answers 10 s and 20 s apart, then one after a 10-minute break (a break counts nothing).
    answer('b', 4, day, 0);
    answer('c', 1, day, 10);
    answer('c', 4, day, 30);
    answer('x', 5, day, 630);
    const stats = computeStats(db, day, 7);
    expect(stats.decks).toEqual([
      { deck: 'Bio', new: 0, learning: 1, young: 2, mature: 0, due: 0 },
      { deck: 'Chem', new: 0, learning: 0, young: 1, mature: 0, due: 0 },
    ]);
    expect(stats.history).toHaveLength(30);
    expect(stats.history.slice(-3)).toEqual([
      { date: '2026-02-27', answers: 1, recalled: 1 },
      { date: '2026-02-28', answers: 1, recalled: 1 },
      { date: '2026-03-01', answers: 4, recalled: 2 / 3 },
    ]);
    expect(stats.history[0]).toEqual({ date: '2026-01-31', answers: 0, recalled: null });
    expect(stats).toMatchObject({ secondsToday: 30, seconds30d: 30 });
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);

    const text = statsText(stats, 8).split('\n');
    expect(text).toContain('  new 0 · learning 1 · young 3 · mature 0 · due today 0');
    expect(text).toContain('  time spent today 30 s · over the last 30 days 30 s');
    expect(text).toContain('  deck  new  learning  young  mature  due');
    expect(text).toContain('  Bio     0         1      2       0    0');
    expect(text).toContain('  03-01 Su 4 ████████ 67%');
    expect(text).toContain('  02-28 Sa 1 ██ 100%');
  });
});

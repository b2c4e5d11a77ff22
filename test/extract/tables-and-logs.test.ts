import { describe, expect, it } from 'vitest';
import { readNote as read } from './helpers.js';

/**
 * Tables read as the note means them, and the notes' own logs turned down:
 * each test holds the card that must change beside the one that must stay.
 */
describe('tables read as drawn', () => {
  it('reads two tables drawn side by side with the same columns as two, each key named by its column', () => {
    const { asked } = read(
      '# Heart failure\n\n| ACC/AHA stage | Meaning | NYHA class | Meaning |\n|---|---|---|---|\n| A | at risk, no structural disease | I | no limitation of activity |\n| B | structural disease, no symptoms | II | slight limitation |\n\n' +
        '| Aspect | JUnit | TestNG |\n|---|---|---|\n| Parallel runs | through an extension | built in |\n',
    );
    expect(asked).toEqual([
      'ACC/AHA stage A › Meaning = at risk, no structural disease',
      'ACC/AHA stage B › Meaning = structural disease, no symptoms',
      'NYHA class I › Meaning = no limitation of activity',
      'NYHA class II › Meaning = slight limitation',
      'Parallel runs › JUnit = through an extension',
      'Parallel runs › TestNG = built in',
    ]);
  });

  it("turns down a description column's cell that explains its key by the key's own words, and asks one that says more", () => {
    const { asked, dropped } = read(
      '# ISO 12207\n\n## Процессы поддержки\n\n| Процесс | Описание |\n|---|---|\n| Документация | Создание и ведение документации на всех этапах жизненного цикла. |\n| Верификация | Проверка того, что продукт соответствует требованиям этапа. |\n\n' +
        '## Сортировки\n\n| Алгоритм | Идея |\n|---|---|\n| Быстрая сортировка | разделить массив вокруг опорного элемента |\n| Сортировка слиянием | слить две отсортированные половины |\n\n\n',
    );
    expect(dropped('restates')).toEqual(['Документация › Описание = Создание и ведение документации на всех этапах жизненного цикла.']);
    expect(asked).toEqual([
      'Верификация › Описание = Проверка того, что продукт соответствует требованиям этапа.',
      // "сортировка" names the family of every key: the description of merge sort says what merging is.
      'Быстрая сортировка › Идея = разделить массив вокруг опорного элемента',
      'Сортировка слиянием › Идея = слить две отсортированные половины',
    ]);
  });

  it("turns down a second description column's cell that says its row's first description again, and asks one that adds to it", () => {
    const { asked, dropped } = read(
      '# SQL\n\n## Операции\n\n| Операция | Описание | Применение |\n|---|---|---|\n| UPDATE | Изменяет существующие данные в таблице. | Обновление данных в таблице. |\n' +
        '| ROLLBACK | Отменяет изменения текущей транзакции. | Восстановление после ошибки в середине перевода денег. |\n',
    );
    expect(dropped('restates')).toEqual(['UPDATE › Применение = Обновление данных в таблице.']);
    expect(asked.filter((card) => card.includes('Восстановление после ошибки'))).toHaveLength(1);
  });

  it('answers a value marked for a footnote with the footnote under the table, and the others as written', () => {
    const { asked } = read('# Structures\n\n| Structure | Access | Insert |\n|---|---|---|\n| Array | O(1) | O(n) |\n| Linked list | O(n) | O(1)* |\n\n\\* given a pointer to the node\n');
    expect(asked).toEqual(['Array › Access = O(1)', 'Array › Insert = O(n)', 'Linked list › Access = O(n)', 'Linked list › Insert = O(1)* * given a pointer to the node']);
  });

  it('turns down a progress table (a status beside counts and hours), and asks a table of marks that compares', () => {
    const { asked, dropped } = read(
      '# ML\n\n## Progress\n\n| Week | Topic | Hours | Status |\n|---|---|---|---|\n| 1–2 | Metrics | 8 | ✅ |\n| 3–4 | Boosting | 12 | ⏳ |\n\n' +
        '## Tracker\n\n| Topic | Notes done | Qs done (Passmed) | Score |\n|---|---|---|---|\n| Heart failure | ✅ | 45 | 71% |\n| AKI | ❌ | 0 | – |\n\n' +
        '## Methods\n\n| Method | Safe | Idempotent | Use |\n|---|---|---|---|\n| GET | ✅ | ✅ | read a resource |\n| POST | ❌ | ❌ | create a resource |\n',
    );
    expect(dropped('catalogue')).toEqual(['1–2 › Topic = Metrics', '1–2 › Hours = 8', '3–4 › Topic = Boosting', '3–4 › Hours = 12', 'Heart failure › Qs done (Passmed) = 45', 'Heart failure › Score = 71%', 'AKI › Qs done (Passmed) = 0']);
    expect(asked).toEqual(['GET › Use = read a resource', 'POST › Use = create a resource']);
  });

  it('turns down a series of scores taken again and again, and asks a table of numbers that are facts', () => {
    const { asked, dropped } = read(
      '# AWS\n\n## Weak areas\n\n| Topic | Test 1 | Test 2 | Test 3 |\n|---|---|---|---|\n| Storage | 70% | 82% | 88% |\n| Networking | 55% | 64% | 71% |\n\n' +
        '## Limits\n\n| Service | Timeout | Memory |\n|---|---|---|\n| Lambda | 15 min | 10 GB |\n',
    );
    expect(dropped('catalogue')).toHaveLength(6);
    expect(asked).toEqual(['Lambda › Timeout = 15 min', 'Lambda › Memory = 10 GB']);
  });

  it('turns down a reading list whose status is told by marks, and asks a table whose status is a word', () => {
    const { asked, dropped } = read(
      '# CSAPP\n\n## 进度\n\n| 章 | 标题 | 状态 | Lab |\n| --- | --- | --- | --- |\n| 1 | 计算机系统漫游 | ✅ | - |\n| 2 | 信息的表示和处理 | ✅ | Data Lab ✅ |\n| 9 | 虚拟内存 | 📖 | Malloc Lab |\n\n' +
        '## Codes\n\n| Code | Status | Meaning |\n|---|---|---|\n| 200 | OK | the request succeeded |\n| 404 | Not Found | no such resource |\n',
    );
    expect(dropped('catalogue')).toEqual(['1 › 标题 = 计算机系统漫游', '2 › 标题 = 信息的表示和处理', '2 › Lab = Data Lab ✅', '9 › 标题 = 虚拟内存', '9 › Lab = Malloc Lab']);
    expect(asked).toEqual(['200 › Meaning = the request succeeded', '404 › Meaning = no such resource']);
  });

  it("turns down a column of the learner's own take, in any language, and asks the columns beside it", () => {
    const { asked, dropped } = read(
      '# Deep Work\n\n| Philosophy | What it is | Me? |\n|---|---|---|\n| Monastic | eliminate shallow obligations | no chance |\n| Rhythmic | a daily habit at the same time | ✅ this one |\n\n' +
        '| Метод | Суть | Мой опыт |\n|---|---|---|\n| Pomodoro | 25 минут работы, 5 отдыха | не прижилось |\n\n' +
        '| 算法 | 平均复杂度 | 我的看法 |\n|---|---|---|\n| 快速排序 | O(n log n) | 面试最常考 |\n',
    );
    expect(dropped('evaluation')).toEqual(['Monastic › Me? = no chance', 'Rhythmic › Me? = ✅ this one', 'Pomodoro › Мой опыт = не прижилось', '快速排序 › 我的看法 = 面试最常考']);
    expect(asked).toEqual([
      'Monastic › What it is = eliminate shallow obligations',
      'Rhythmic › What it is = a daily habit at the same time',
      '25 минут работы, 5 отдыха = Pomodoro',
      '快速排序 › 平均复杂度 = O(n log n)',
    ]);
  });
});

describe("the notes' own diaries and worked sums", () => {
  it('turns down the days of a diary and what it stresses, and asks the terms of a vocabulary list', () => {
    const { asked, dropped } = read(
      '# 2024-W18\n\n## Log\n\n**Mon 29** — billing job failed in staging\n\n**Sun 5** — meal prep, ==finally got the flip right==\n\n' +
        '## Days\n\n- **lundi** — Monday\n- **mardi** — Tuesday\n',
    );
    expect(dropped('metadata')).toEqual(['Mon 29 = billing job failed in staging', 'Sun 5 = meal prep, finally got the flip right', 'Sun 5 — meal prep, {{c1::finally got the flip right}} = ']);
    expect(asked).toEqual(['lundi = Monday', 'mardi = Tuesday']);
  });

  it("reads a diary page's lines of names and what they did as its log, and the same lines elsewhere as a glossary", () => {
    const note = '# Day\n\n## Стендап\n\n- Аня: выкатили новый ранжирующий алгоритм на часть трафика\n- Блокер: нет доступа к таблице событий в ClickHouse\n\n## Узнал сегодня\n\n- **MDE** (minimum detectable effect): минимальный эффект, который тест способен заметить\n';
    expect(read(note, 'Daily/2024-02-05.md').asked).toEqual(['минимальный эффект, который тест способен заметить = MDE (minimum detectable effect)']);
    expect(read(note, '2024-02-05 Team roles.md').asked).toEqual([
      'Аня = выкатили новый ранжирующий алгоритм на часть трафика',
      'Блокер = нет доступа к таблице событий в ClickHouse',
      'минимальный эффект, который тест способен заметить = MDE (minimum detectable effect)',
    ]);
  });

  it('turns down a bold number a sum written before it works out, and asks a bold fact after an equals sign', () => {
    const { asked, dropped } = read('# Cache\n\nHit time 1 ns, miss rate 5%, penalty 100 ns: T = 1 + 0.05 × 100 = **6 ns**.\n\nOne byte = **8 bits** on every machine we use.\n');
    expect(dropped('example')).toEqual(['Hit time 1 ns, miss rate 5%, penalty 100 ns: T = 1 + 0.05 × 100 = {{c1::6 ns}}. = ']);
    expect(asked).toEqual(['One byte = {{c1::8 bits}} on every machine we use. = ']);
  });

  it("asks an answer opening with a later word of the note's title, and turns down one opening with its subject", () => {
    const { asked, dropped } = read('# Python tooling\n\n## Build\n\n- **Packaging**: Python wheels are built by pip\n\n## Muscles\n\n- **Subscapularis**: tooling of the shoulder, pulled by nerves\n');
    expect(dropped('label')).toEqual(['Packaging = Python wheels are built by pip']);
    expect(asked).toEqual(['Subscapularis = tooling of the shoulder, pulled by nerves']);
  });
});

describe('what a bold letter or a formula stands for', () => {
  it('asks a mnemonic, not the bold initials that spell it', () => {
    const { asked } = read('# ABG\n\nThe mnemonic is **ROME**: **R**espiratory **O**pposite, **M**etabolic **E**qual.\n');
    expect(asked).toEqual(['The mnemonic is {{c1::ROME}}: Respiratory Opposite, Metabolic Equal. = ']);
  });

  it('asks a formula from the phase it belongs to, and still asks a name from the words translating it', () => {
    const { asked } = read(
      '# TCP\n\n| 阶段 | cwnd 变化 |\n|---|---|\n| 快速恢复 | ssthresh = cwnd/2, cwnd = ssthresh + 3 |\n\n| 算法 | 平均复杂度 |\n|---|---|\n| 快速排序 | O(n log n) |\n| 归并排序 | O(n log n) |\n\n' +
        '| Метод | Описание |\n|---|---|\n| DELETE | удаление ресурса |\n',
    );
    expect(asked).toEqual(['快速恢复 › cwnd 变化 = ssthresh = cwnd/2, cwnd = ssthresh + 3', '快速排序 › 平均复杂度 = O(n log n)', '归并排序 › 平均复杂度 = O(n log n)', 'удаление ресурса = DELETE']);
  });
});

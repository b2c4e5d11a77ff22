import { describe, expect, it } from 'vitest';
import { htmlText } from '../../src/extract/finish.js';
import { questionOf, readNote as read } from './helpers.js';

/**
 * What learners delete, pattern by pattern: each test writes a small note
 * holding the card that must no longer be made and the good card beside it,
 * which must stay. Turned-down candidates keep their reason.
 */

describe('tables that are not knowledge', () => {
  it('turns down a catalogue whose rows are links, and asks a table of facts beside it', () => {
    const { asked, dropped } = read(
      '# Learning\n\n## Courses\n\n| Course | Platform |\n|---|---|\n| [Kubernetes basics](https://a.example/k8s) | Stepik |\n| [Go in depth](https://b.example/go) | Coursera |\n\n' +
        '## Ports\n\n| Protocol | Port |\n|---|---|\n| SSH | 22 |\n| HTTPS | 443 |\n',
    );
    expect(dropped('catalogue')).toEqual(['Kubernetes basics › Platform = Stepik', 'Go in depth › Platform = Coursera']);
    expect(asked).toEqual(['SSH › Port = 22', 'HTTPS › Port = 443']);
  });

  it('turns down a catalogue with a column of links saying where to get each row, and asks a table linking one row', () => {
    const { asked, dropped } = read(
      '# Browser\n\n## Extensions\n\n| Extension | Store | What it does |\n|---|---|---|\n| ModHeader | [Chrome Web Store](https://chrome.example/modheader) | Edits request headers |\n| Ghostery | [ghostery.com](https://www.ghostery.com/) | Blocks trackers |\n\n' +
        '## Protocols\n\n| Protocol | Spec | Port |\n|---|---|---|\n| SSH | [RFC 4253](https://rfc.example/4253) | 22 |\n| HTTPS | TLS over TCP | 443 |\n| SMTP | mail transfer | 25 |\n',
    );
    expect(dropped('catalogue').filter((card) => /Edits request headers|Blocks trackers/.test(card))).toHaveLength(2);
    expect(dropped('catalogue')).toHaveLength(4);
    expect(asked).toEqual(['SSH › Spec = RFC 4253', 'SSH › Port = 22', 'HTTPS › Spec = TLS over TCP', 'HTTPS › Port = 443', 'SMTP › Spec = mail transfer', 'SMTP › Port = 25']);
  });

  it('turns down a column describing the row (difficulty, link), and asks the description', () => {
    const { asked, dropped } = read('# Tasks\n\n| Task | What it trains | Сложность |\n|---|---|---|\n| Two Sum | hash maps for lookups | Easy |\n| LRU cache | a list with a map | Medium |\n');
    expect(dropped('metadata')).toEqual(['Two Sum › Сложность = Easy', 'LRU cache › Сложность = Medium']);
    expect(asked).toEqual(['Two Sum › What it trains = hash maps for lookups', 'LRU cache › What it trains = a list with a map']);
  });

  it('turns down a column saying how often a row is used, and asks what the row does', () => {
    const { asked, dropped } = read('# HTTP\n\n| Метод | Назначение | Частота использования |\n|---|---|---|\n| PUT | полная замена ресурса | Часто |\n| PATCH | частичное обновление ресурса | Редко |\n');
    expect(dropped('metadata')).toEqual(['PUT › Частота использования = Часто', 'PATCH › Частота использования = Редко']);
    expect(asked).toHaveLength(2);
  });

  it('turns down a rubric keyed by skill levels, in any of the languages the lexicon knows', () => {
    const rubric = (levels: string[]) =>
      `# Skill\n\n## Grid\n\n| Level | Description |\n|---|---|\n${levels.map((level) => `| ${level} | Writes scripts for ${level.length} tasks. |`).join('\n')}\n`;
    expect(read(rubric(['Junior', 'Middle', 'Senior'])).asked).toEqual([]);
    expect(read(rubric(['初级', '中级', '高级'])).dropped('rubric')).toHaveLength(3);
    expect(read('# Grades\n\n| Grade | Means |\n|---|---|\n| A | excellent work |\n| B | good work |\n').asked).toEqual(['A › Means = excellent work', 'B › Means = good work']);
  });

  it('turns down an example column and a yes/no column, and asks the rest of the row', () => {
    const { asked, dropped } = read(
      '# Linux\n\n## Commands\n\n| Command | Что делает | 📌 Пример | Root |\n|---|---|---|---|\n| `grep` | ищет строки по шаблону | grep "error" log.txt | ❌ Нет |\n| `chmod` | меняет права доступа | chmod 644 a.txt | ✅ Да |\n',
    );
    expect(dropped('example')).toHaveLength(2);
    expect(dropped('metadata')).toHaveLength(2);
    expect(asked).toEqual(['ищет строки по шаблону = grep', 'меняет права доступа = chmod']);
  });

  it('reads two tables drawn side by side, and skips a header repeated inside the table', () => {
    const { asked } = read(
      '# Codes\n\n| Code | Meaning | | Signal | Number |\n|---|---|---|---|---|\n| 200 | OK | | SIGKILL | 9 |\n| Code | Meaning | | Signal | Number |\n| 404 | Not Found | | SIGTERM | 15 |\n',
    );
    expect(asked).toEqual(['200 › Meaning = OK', '404 › Meaning = Not Found', 'SIGKILL › Number = 9', 'SIGTERM › Number = 15']);
  });

  it('turns down a column with one value in every row, the same answer to every question', () => {
    const { asked, dropped } = read('# Requests\n\n| Concept | Meaning | Importance |\n|---|---|---|\n| Session | keeps cookies between requests | ✅ High |\n| Timeout | seconds to wait for a reply | ✅ High |\n| Hooks | callbacks on each response | ✅ High |\n');
    expect(dropped('metadata')).toEqual(['Session › Importance = ✅ High', 'Timeout › Importance = ✅ High', 'Hooks › Importance = ✅ High']);
    expect(asked).toEqual(['Session › Meaning = keeps cookies between requests', 'Timeout › Meaning = seconds to wait for a reply', 'Hooks › Meaning = callbacks on each response']);
  });

  it('asks a column of a few repeated values when the table\'s heading names it, and turns down such a column elsewhere', () => {
    const rows = ['int', 'float', 'str', 'tuple'].map((type) => `| ${type} | ❌ Immutable | ${type} values |`).concat(['list', 'dict', 'set', 'bytearray'].map((type) => `| ${type} | ✅ Mutable | ${type} values |`));
    const table = (heading: string) => `# Python\n\n## ${heading}\n\n| Type | Mutability | Holds |\n|---|---|---|\n${rows.join('\n')}\n`;
    const named = read(table('Mutable and immutable types'));
    expect(named.asked).toContain('int › Mutability = ❌ Immutable');
    expect(named.asked).toContain('dict › Mutability = ✅ Mutable');
    expect(named.dropped('metadata')).toEqual([]);
    const unnamed = read(table('Built-in types'));
    expect(unnamed.dropped('metadata')).toHaveLength(8);
    expect(unnamed.asked.filter((card) => card.includes('Mutability'))).toEqual([]);
  });

  it('turns down a decision table, whose rows are keyed by yes and no', () => {
    const { asked, dropped } = read('# Login\n\n| Valid login | Valid password | Action |\n|---|---|---|\n| True | True | Show the OK button |\n| True | False | Show an error |\n| False | True | Block access |\n');
    expect(dropped('sample-data')).toHaveLength(3);
    expect(asked).toEqual([]);
  });

  it('caps a table that would flood a deck, asking its first columns first', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `| Item ${i} | first fact ${i} | second fact ${i} | third fact ${i} |`).join('\n');
    const { result } = read(`# Big\n\n| Item | A | B | C |\n|---|---|---|---|\n${rows}\n`);
    expect(result.cards).toHaveLength(60);
    expect(result.dropped.filter((d) => d.reason === 'cap')).toHaveLength(15);
    expect(result.dropped.filter((d) => d.reason === 'cap').every((d) => d.front.endsWith('› C'))).toBe(true);
  });
});

describe('definitions that ask nothing', () => {
  it('turns down a label that only announces, and keeps a facet the breadcrumb makes a question', () => {
    const { asked, dropped } = read('# Load testing\n\n- **Цель**: проверить систему под нагрузкой.\n- **Пример**: 1000 пользователей за минуту.\n');
    expect(dropped('label')).toEqual(['Пример = 1000 пользователей за минуту.']);
    expect(asked).toEqual(['Цель = проверить систему под нагрузкой.']);
  });

  it('turns down advantages and feature lists, in Russian, English and Chinese headings alike', () => {
    for (const heading of ['Преимущества Docker', 'Pros', '优点']) {
      const { asked, dropped } = read(`# Docker\n\n## Основы\n\n- **Образ**: шаблон для запуска контейнеров.\n\n## ${heading}\n\n- **Изоляция**: приложения не мешают друг другу.\n`);
      expect(dropped('evaluation'), heading).toEqual(['Изоляция = приложения не мешают друг другу.']);
      expect(asked, heading).toEqual(['Образ = шаблон для запуска контейнеров.']);
    }
  });

  it('turns down an answer that restates its term, and asks one that explains it', () => {
    const { asked, dropped } = read('# Testing\n\n- **Ручное тестирование**: выполняется вручную тестировщиком.\n- **Регрессия**: повторная проверка после изменений.\n');
    expect(dropped('restates')).toEqual(['Ручное тестирование = выполняется вручную тестировщиком.']);
    expect(asked).toEqual(['Регрессия = повторная проверка после изменений.']);
  });

  it('turns down a short answer that explains its term by the term\'s own words, and asks one that explains it by others', () => {
    const { asked, dropped } = read(
      '# Автоматизация\n\n## Виды тестирования\n\n- **Регрессионное тестирование**: повторное тестирование после изменений кода.\n\n## Критерии выбора\n\n- **Структурированность**: логи должны быть структурированы для облегчения анализа.\n- **Идемпотентность**: повторный запрос даёт тот же результат.\n\n' +
        '## Logging\n\n- **Structured logging**: logs should be structured for easier analysis.\n- **Log rotation**: old files are archived and deleted by size or age.\n- **Revert**: a new commit undoing an old one, made by `git revert`.\n- **Parallel runs**: параллельный запуск.\n',
    );
    expect(dropped('restates')).toEqual(['Структурированность = логи должны быть структурированы для облегчения анализа.', 'Structured logging = logs should be structured for easier analysis.']);
    expect(asked).toEqual([
      'Регрессионное тестирование = повторное тестирование после изменений кода.',
      'Идемпотентность = повторный запрос даёт тот же результат.',
      'Log rotation = old files are archived and deleted by size or age.',
      'Revert = a new commit undoing an old one, made by git revert.',
      'параллельный запуск. = Parallel runs',
    ]);
  });

  it('turns down an answer of several short points, and asks a one-line answer', () => {
    const { asked, dropped } = read('# Kafka\n\n**Метрики**: число сообщений в секунду\nразмер сообщений\nвремя обработки\n\n**Топик**: именованный поток сообщений.\n');
    expect(dropped('several-facts')).toHaveLength(1);
    expect(asked).toEqual(['Топик = именованный поток сообщений.']);
  });

  it('turns down the steps of a worked sum, and asks a definition holding numbers and one with a formula among its words', () => {
    const { asked, dropped } = read(
      '# 存储系统\n\n## 例题\n\n> 主存地址 32 位，Cache 容量 16KB，块大小 64B。\n\n- **块内地址**：64B = 2^6，即 6 位\n- **Cache 行数**：16KB / 64B = 256 = 2^8\n\n## Caches\n\n- **Tag bits**: 32 − 8 − 6 = 18\n' +
        '- **Permission digits**: r = 4, w = 2, x = 1\n- **Hit rate**: hits divided by all accesses, so 95 / 100 = 0.95 for a warm cache\n',
    );
    expect(dropped('example')).toEqual(['块内地址 = 64B = 2^6，即 6 位', 'Cache 行数 = 16KB / 64B = 256 = 2^8', 'Tag bits = 32 − 8 − 6 = 18']);
    expect(asked).toEqual(['Permission digits = r = 4, w = 2, x = 1', 'Hit rate = hits divided by all accesses, so 95 / 100 = 0.95 for a warm cache']);
  });

  it('turns down a label the note repeats with the same short answer, a tag rather than a fact', () => {
    const techniques = ['Эквивалентное разбиение', 'Граничные значения', 'Попарное тестирование'];
    const { asked, dropped } = read(`# Техники\n\n${techniques.map((t) => `## ${t}\n\n- **Тип**: черный ящик.\n- **Суть**: ${t.toLowerCase()} сокращает число тестов.\n`).join('\n')}`);
    expect(dropped('metadata')).toHaveLength(3);
    expect(asked.filter((q) => q.startsWith('Тип'))).toEqual([]);
  });

  it('asks a label the note repeats by the heading that tells its sections apart, not by headings they share', () => {
    const techniques = ['Use Case Testing', 'Pairwise Testing', 'State Transition'];
    const { result } = read(`# Техники\n\n${techniques.map((t, i) => `## ${t}\n\n### Основные характеристики\n\n- **Цель**: проверка номер ${i + 1} всей системы.\n`).join('\n')}`);
    expect(result.cards.map((card) => htmlText(card.front.replace('</div>', ' | ')))).toEqual(
      techniques.map((t) => `Техники › Основные характеристики | ${t} › Цель`),
    );
  });

  it('turns down a tools label or column answered by names alone, and asks one that says what a tool does', () => {
    const { asked, dropped } = read(
      '# Тестирование\n\n## Нагрузочное тестирование\n\n- **Цель**: проверить работу под ожидаемой нагрузкой.\n- **Инструменты**: JMeter, Gatling, LoadRunner.\n\n## Наблюдаемость\n\n- **Tools**: Prometheus scrapes metrics from each service over HTTP.\n\n' +
        '## Виды\n\n| Вид | Цель | 工具 |\n|---|---|---|\n| Функциональное | что система делает то, что обещано | Selenium, JUnit |\n| Нагрузочное | время ответа при тысяче пользователей | JMeter, Gatling |\n',
    );
    expect(dropped('catalogue')).toEqual(['Инструменты = JMeter, Gatling, LoadRunner.', 'Функциональное › 工具 = Selenium, JUnit', 'Нагрузочное › 工具 = JMeter, Gatling']);
    expect(asked).toEqual([
      'Цель = проверить работу под ожидаемой нагрузкой.',
      'Tools = Prometheus scrapes metrics from each service over HTTP.',
      'Функциональное › Цель = что система делает то, что обещано',
      'Нагрузочное › Цель = время ответа при тысяче пользователей',
    ]);
  });

  it('asks the heading a defining label stands for, but not a heading asking a question or over the fields of a record', () => {
    const { result } = read(
      '# ООП\n\n## Интерфейс\n\n- **Определение**: полностью абстрактный тип с сигнатурами методов.\n\n## Что хранит баг-репорт?\n\n1. **Описание:** позволяет понять суть проблемы.\n2. **Статус:** текущее состояние дефекта.\n\n' +
        '## Attributes of a bug report\n\n- **Description**: lets a developer see the problem.\n- **Severity**: how badly the defect hurts the system.\n',
    );
    expect(result.cards.map((card) => `${htmlText(card.front.replace('</div>', ' | '))} = ${htmlText(card.back)}`)).toEqual([
      'ООП | Интерфейс = полностью абстрактный тип с сигнатурами методов.',
      'ООП › Что хранит баг-репорт? | Описание = позволяет понять суть проблемы.',
      'ООП › Что хранит баг-репорт? | Статус = текущее состояние дефекта.',
      'ООП › Attributes of a bug report | Description = lets a developer see the problem.',
      'ООП › Attributes of a bug report | Severity = how badly the defect hurts the system.',
    ]);
  });

  it('asks a label the note gives two sections by its section, and a label given once, or two equal short answers, as they are', () => {
    const { asked, dropped } = read(
      '# Git\n\n## Merge\n\n- **Что делает**: объединяет истории веток коммитом слияния.\n- **Тип**: безопасная операция.\n\n## Rebase\n\n- **Что делает**: переносит коммиты поверх другой ветки.\n- **Тип**: безопасная операция.\n\n' +
        '## Cherry-pick\n\n- **Когда**: нужен один коммит из чужой ветки.\n',
    );
    expect(asked).toEqual([
      'Merge › Что делает = объединяет истории веток коммитом слияния.',
      'Merge › Тип = безопасная операция.',
      'Rebase › Что делает = переносит коммиты поверх другой ветки.',
      'Rebase › Тип = безопасная операция.',
      'Когда = нужен один коммит из чужой ветки.',
    ]);
    expect(dropped('metadata')).toEqual([]);
  });

  it('asks a repeated label by its own section when the sections sit at different depths, not by a heading they share', () => {
    const { result } = read(
      '# Мобильные\n\n## Основы\n\n- **Цель**: понять платформы.\n\n## Скоуп инструментов\n\n#### 1. **Тестирование совместимости**\n\n- **Цель**: работа на разных устройствах.\n\n' +
        '#### 2. **Нагрузочное тестирование**\n\n- **Цель**: оценка работы под высокой нагрузкой.\n',
    );
    expect(result.cards.map((card) => htmlText(card.front.replace('</div>', ' | ')))).toEqual([
      'Мобильные | Основы › Цель',
      'Мобильные › Скоуп инструментов | Тестирование совместимости › Цель',
      'Мобильные › Скоуп инструментов | Нагрузочное тестирование › Цель',
    ]);
  });

  it('asks a term the note defines again under a heading asking what it is by the term alone, and by a comparison naming it', () => {
    const { result } = read(
      '# Сервисы\n\n## Что такое брокер?\n\n- **Брокер**: посредник между отправителем и получателем.\n\n## Хранение\n\n- **Брокер**: держит сообщения на диске неделями.\n\n' +
        '## Брокер vs очередь\n\n- **Брокер**: маршрутизирует сообщения по темам.\n',
    );
    expect(result.cards.map((card) => htmlText(card.front.replace('</div>', ' | ')))).toEqual([
      'Сервисы › Что такое брокер? | Брокер',
      'Сервисы | Хранение › Брокер',
      'Сервисы | Брокер vs очередь › Брокер',
    ]);
  });

  it('asks a term the note defines again under a heading of its own name by the term alone, not "брокер › брокер"', () => {
    const { result } = read(
      '# Сервисы\n\n## Связь\n\n### Очереди\n\n- **Брокер сообщений**: посредник между отправителем и получателем данных.\n\n### Известные\n\n- **Брокер сообщений**: узел, хранящий очереди до доставки.\n\n' +
        '### Брокер сообщений\n\n#### Что это?\n\nБрокер сообщений — это промежуточное звено асинхронной передачи данных между сервисами.\n',
    );
    expect(result.cards.map((card) => htmlText(card.front.replace('</div>', ' | ')))).toEqual([
      'Сервисы › Связь | Очереди › Брокер сообщений',
      'Сервисы › Связь | Известные › Брокер сообщений',
      'Сервисы › Связь › Что это? | Брокер сообщений',
    ]);
  });

  it('reads a hyphen right after a bold term, a space after it, as a separator, and one joining words as none', () => {
    const { asked } = read('# ООП\n\n## Концепции\n\n**Посылка сообщений** - форма связи между объектами программы.  \n**Переиспользование**- всё перечисленное служит повторному использованию кода.\n\n**Java**-разработчики пишут тесты на JUnit.\n');
    expect(asked).toEqual([
      'Посылка сообщений = форма связи между объектами программы.',
      'Переиспользование = всё перечисленное служит повторному использованию кода.',
      '{{c1::Java}}-разработчики пишут тесты на JUnit. = ',
    ]);
  });

  it('leaves a jump back to the contents out of an answer, and turns down a label over jumps to places in the note', () => {
    const { asked, dropped } = read(
      '# Java\n\n## Шпаргалка\n\n- **Строки**\n  - [🟢 Методы класса String](#string)\n  - [🟢 Классы для строк](#classes)\n\n' +
        '## BDD\n\n**Зачем это нужно?**\n\n- Тесты на простом языке.\n- Общий язык команды.\n\n[🔼 К содержанию](#content)\n',
    );
    expect(dropped('navigation')).toEqual(['Строки = 🟢 Методы класса String 🟢 Классы для строк']);
    expect(asked).toEqual(['Зачем это нужно? = Тесты на простом языке. Общий язык команды.']);
  });

  it('reads the dash after a bold code span that ends in a colon as the separator, not as the answer', () => {
    const { asked } = read('# GitHub Actions\n\n## Основные команды\n\n- **`on:`** – триггер для запуска воркфлоу (push, pull request)\n- **`jobs:`** – описание задач, из которых состоит воркфлоу\n');
    expect(asked).toEqual(['on: = триггер для запуска воркфлоу (push, pull request)', 'описание задач, из которых состоит воркфлоу = jobs:']);
  });

  it("turns down a statement about the note's subject hung on a label", () => {
    const { asked, dropped } = read('# Python\n\n## Связь\n\n- **Автоматизация**: Python используется для скриптов развёртывания.\n- **Pulumi**: описывает инфраструктуру как код.\n', 'Python.md');
    expect(dropped('label')).toEqual(['Автоматизация = Python используется для скриптов развёртывания.']);
    expect(asked).toEqual(['описывает инфраструктуру как код. = Pulumi']);
  });

  it('asks a name in code from what it does, the name the answer', () => {
    const { asked } = read('# Java\n\n## String\n\n| Метод | Описание |\n|---|---|\n| `toLowerCase()` | Переводит строку в нижний регистр. |\n\n- `git bisect`: ищет коммит с ошибкой делением пополам.\n');
    expect(asked).toEqual(['Переводит строку в нижний регистр. = toLowerCase()', 'ищет коммит с ошибкой делением пополам. = git bisect']);
  });
});

describe('definitions written without bold', () => {
  it('asks the subject a paragraph opens with before a dash, answered by the first sentence, in Russian and English alike', () => {
    const { asked } = read(
      '# Net\n\n## OSI\n\nМодель OSI — это теоретическая модель для стандартизации сетевых протоколов. Она делит взаимодействие на семь уровней.\n\n' +
        '## Tools\n\nKustomize — a tool that patches Kubernetes manifests without templates. It ships with kubectl.\n\n' +
        'SOAP (Simple Object Access Protocol) — a messaging protocol built on XML envelopes.\n',
    );
    expect(asked).toEqual([
      'Модель OSI = теоретическая модель для стандартизации сетевых протоколов.',
      'Kustomize = a tool that patches Kubernetes manifests without templates.',
      'SOAP (Simple Object Access Protocol) = a messaging protocol built on XML envelopes.',
    ]);
  });

  it('answers past the copula a dash links the term with ("— это", "— це"), and keeps "Это" that opens a sentence after a colon', () => {
    const { asked } = read(
      '# Сеть\n\n## Протоколы\n\n**WebSocket** — это протокол двунаправленной связи поверх одного TCP-соединения.\n\n' +
        'REST — це архітектурний стиль взаємодії компонентів розподіленої системи.\n\n' +
        '- **Недостаток**: Это может усложнить сопровождение проекта в будущем.\n',
    );
    expect(asked).toEqual([
      'протокол двунаправленной связи поверх одного TCP-соединения. = WebSocket',
      'REST = архітектурний стиль взаємодії компонентів розподіленої системи.',
      'Недостаток = Это может усложнить сопровождение проекта в будущем.',
    ]);
  });

  it('leaves to the bold rule a sentence with bold, and asks nothing of a dash that opens a long clause or a short pointer', () => {
    const { asked } = read(
      '# Java\n\nМетоды в Java — это **блоки кода**, выполняющие действия.\n\nКогда приложение запускается на новом устройстве — оно падает сразу.\n\nПодробнее — в заметке Быстрая сортировка.\n',
    );
    expect(asked).toEqual(['Методы в Java — это {{c1::блоки кода}}, выполняющие действия. = ']);
  });
});

describe('answers that run past their item', () => {
  it('ends an item\'s answer at a heading indented into the item, and keeps the sub-list before it', () => {
    const { asked } = read('# CI\n\n## Стадии\n\n1. **Сборка**:\n   - компиляция исходного кода;\n   - упаковка артефакта.\n\n   ##### Пример конфигурации:\n\n   ```yaml\n   stages: [build]\n   ```\n');
    expect(asked).toEqual(['Сборка = компиляция исходного кода; упаковка артефакта.']);
  });
});

describe('names explained in another script', () => {
  it('asks a name from a short explanation in the note\'s language, which only translates it the other way round', () => {
    const { asked } = read(
      '# HTTP\n\n## Методы\n\n- **DELETE**: удаление ресурса.\n- **PUT**: заменяет ресурс целиком тем, что пришло в теле запроса; повтор ничего не меняет.\n\n' +
        '## Клиенты\n\n- **Браузеры**: Chrome, Firefox, Edge.\n',
    );
    expect(asked).toEqual([
      'удаление ресурса. = DELETE',
      'PUT = заменяет ресурс целиком тем, что пришло в теле запроса; повтор ничего не меняет.',
      'Браузеры = Chrome, Firefox, Edge.',
    ]);
  });

  it('reads any pair of scripts, and leaves a name explained in its own script to the stems', () => {
    expect(read('# Docker\n\n## 命令\n\n- **docker stop**：停止正在运行的容器\n').asked).toEqual(['停止正在运行的容器 = docker stop']);
    // Word for word, or a code's name translated: the name is still what the card asks for.
    expect(read('# Docker\n\n## Команды\n\n- **docker stop**: останавливает контейнер\n- **400 Bad Request**: неверный запрос\n').asked).toEqual([
      'останавливает контейнер = docker stop',
      'неверный запрос = 400 Bad Request',
    ]);
    const { asked, dropped } = read('# Docker\n\n## Commands\n\n- **Stop**: stops the container.\n- **Kill**: sends SIGKILL to the main process.\n');
    expect(dropped('restates')).toEqual(['Stop = stops the container.']);
    expect(asked).toEqual(['Kill = sends SIGKILL to the main process.']);
  });

  it('asks a described name from its description in a table, and a grid comparing names cell by cell', () => {
    const { asked } = read(
      '# Kafka\n\n## Компоненты\n\n| Компонент | Описание |\n|---|---|\n| Kafka Proxy | Прокси-сервер для безопасного доступа |\n\n' +
        '## Протоколы\n\n| Протокол | Скорость | Доставка | Порядок |\n|---|---|---|---|\n| TCP | ниже, чем у UDP | гарантирует | сохраняет |\n',
    );
    expect(asked).toEqual(['Прокси-сервер для безопасного доступа = Kafka Proxy', 'TCP › Скорость = ниже, чем у UDP', 'TCP › Доставка = гарантирует', 'TCP › Порядок = сохраняет']);
  });

  it('asks a name from its description in a table that numbers its rows too', () => {
    const { asked } = read('# Maven\n\n## Фазы\n\n| № | Фаза | Описание |\n|---|---|---|\n| 1 | validate | Проверяет проект на корректность. |\n| 2 | compile | Компилирует исходный код. |\n| | `mvn compile` | Запускает фазу из консоли. |\n');
    expect(asked).toEqual(['Проверяет проект на корректность. = validate', 'Компилирует исходный код. = compile', 'compile › mvn compile › Описание = Запускает фазу из консоли.']);
  });

  it('asks the name first when the breadcrumb already names it', () => {
    const { asked } = read('# Логи\n\n## ELK (Elasticsearch, Logstash, Kibana)\n\n- **Kibana**: визуализация собранных данных.\n\n## git rebase и git merge\n\n- **`git rebase`**: переносит коммиты ветки на новую базу.\n');
    expect(asked).toEqual(['Kibana = визуализация собранных данных.', 'git rebase = переносит коммиты ветки на новую базу.']);
  });
});

describe('answers that are not one fact', () => {
  it('turns down an explanation that announces what the note does not attach, and an answer of four long lines', () => {
    const lines = Array.from({ length: 4 }, (_, i) => `Пункт ${i + 1} описывает отдельную сторону проверки на устройствах разных производителей и версий.`).join('  \n');
    const { asked, dropped } = read(`# Agile\n\n## Scrum\n\n**Scrum** — это фреймворк Agile, включающий:\n\n### Роли\n\nТекст.\n\n## Экраны\n\n**Разрешения экрана**: ${lines}\n\n**Kanban** — метод управления потоком задач.\n`);
    expect(dropped('label')).toEqual(['Scrum = фреймворк Agile, включающий:']);
    expect(dropped('several-facts')).toHaveLength(1);
    expect(asked).toEqual(['метод управления потоком задач. = Kanban']);
  });

  it('turns down the tables of an exercise\'s worked solution, and asks a table of facts', () => {
    const { asked, dropped } = read(
      '# Tasks\n\n## Task 1: Sign-up\n\n### Solution\n\n| Case | Password | Result |\n|---|---|---|\n| No digit | Password | Error |\n| Too short | pass1 | Error |\n\n' +
        '## Codes\n\n| Code | Meaning |\n|---|---|\n| 404 | resource not found |\n',
    );
    expect(dropped('example')).toHaveLength(4);
    expect(asked).toEqual(['404 › Meaning = resource not found']);
  });
});

describe('lists and bold', () => {
  it('asks short items whole and a name before its gloss by the name', () => {
    const { result } = read('# Apps\n\n## Types\n\n- Нативные (собранные для конкретной платформы)\n- Гибридные (WebView внутри нативного контейнера)\n- Web apps\n');
    expect(questionOf(result.cards[0]!)).toBe(
      '<ul><li>{{c1::Нативные}} (собранные для конкретной платформы)</li><li>{{c2::Гибридные}} (WebView внутри нативного контейнера)</li><li>{{c3::Web apps}}</li></ul>',
    );
  });

  it('asks a list of bold items by their names, a gloss left in sight, the bold shown plain', () => {
    const { result } = read('# Техники\n\n## Белый ящик\n\n1. **Покрытие кода (ветвей, условий, строк).**\n2. **Анализ потоков данных.**\n3. **Тестирование циклов.**\n');
    expect(result.cards.map((card) => questionOf(card))).toEqual([
      '<ol><li>{{c1::Покрытие кода}} (ветвей, условий, строк).</li><li>{{c2::Анализ потоков данных}}.</li><li>{{c3::Тестирование циклов}}.</li></ol>',
    ]);
    expect(result.dropped).toEqual([]);
  });

  it('asks a bold item over its own sub-list by the sub-list, when the list is too long to delete whole', () => {
    const { asked } = read('# Анализ\n\n## Валидация\n\n1. **Валидация через пользовательские истории**\n   - Требования записываются как сценарии заказчика.\n\n2. **Чек-листы**\n   - Списки контроля ключевых аспектов.\n');
    expect(asked).toEqual(['Валидация через пользовательские истории = Требования записываются как сценарии заказчика.', 'Чек-листы = Списки контроля ключевых аспектов.']);
  });

  it('counts the words of Chinese, which has no spaces, by its characters: a sentence is not a name', () => {
    const { result } = read('# 网络\n\n## 协议\n\n- 传输控制协议保证数据按顺序可靠地到达对方主机\n- 用户数据报协议不保证顺序\n\n## 工具\n\n- Docker\n- 容器编排\n- 负载均衡\n');
    expect(result.cards.map((card) => questionOf(card))).toEqual(['<ul><li>{{c1::Docker}}</li><li>{{c2::容器编排}}</li><li>{{c3::负载均衡}}</li></ul>']);
    expect(result.dropped.map((d) => d.reason)).toEqual(['long-item']);
  });

  it('asks the short steps of an ordered list whole, and a name before a gloss holding parentheses', () => {
    const { result } = read('# TCP\n\n## Three steps\n\n1. SYN from the client\n2. SYN-ACK from the server\n3. ACK from the client\n\n## Stable sorts\n\n- insertion sort\n- Timsort (behind `sorted()` in Python)\n');
    expect(result.cards.map((card) => questionOf(card))).toEqual([
      '<ol><li>{{c1::SYN from the client}}</li><li>{{c2::SYN-ACK from the server}}</li><li>{{c3::ACK from the client}}</li></ol>',
      '<ul><li>{{c1::insertion sort}}</li><li>{{c2::Timsort}} (behind <code>sorted()</code> in Python)</li></ul>',
    ]);
  });

  it('asks nothing of a list with an item too long to recall whole: deleting the rest beside it cut short reads as noise', () => {
    const { result } = read('# Apps\n\n## Types\n\n- Native\n- Web apps\n- An app that runs in the browser and is installed from nowhere at all, just opened\n');
    expect(result.cards).toEqual([]);
    expect(result.dropped.map((d) => d.reason)).toEqual(['long-item']);
  });

  it('turns down a list of links, and asks a list of principles', () => {
    const { result } = read('# DevOps\n\n## Ресурсы\n\n- [DevOpsHint](https://devopshint.com) — guides\n- [Udemy](https://www.udemy.com) — courses\n\n## Принципы\n\n- Everything as code\n- Small batches\n');
    expect(result.dropped.map((d) => d.reason)).toEqual(['navigation']);
    expect(result.cards.map((c) => c.rule)).toEqual(['list']);
  });

  it('turns down a bold sentence that ends announcing what follows it, and asks one that says something', () => {
    const { asked, dropped } = read('# Mobile\n\nНа **эмуляторе**:\n\n- запуск быстрее\n\nКонтейнер запускается из **образа** за секунды.\n');
    expect(dropped('label')).toEqual(['На {{c1::эмуляторе}}: = ']);
    expect(asked).toEqual(['Контейнер запускается из {{c1::образа}} за секунды. = ']);
  });

  it('asks the term a section\'s heading names as defined by the sentence opening with it, and a bold term elsewhere as a cloze', () => {
    const { asked } = read(
      '# Дефекты\n\n## Severity (Серьёзность)\n\n**Severity** описывает уровень критичности дефекта для системы. Её задаёт тестировщик.\n\n## Приоритет\n\nСрочность исправления задаёт **менеджер** проекта.\n',
    );
    expect(asked).toEqual(['Severity (Серьёзность) = описывает уровень критичности дефекта для системы.', 'Срочность исправления задаёт {{c1::менеджер}} проекта. = ']);
  });

  it('leaves a stressed word in bold, and asks a bold term', () => {
    const { asked, dropped } = read('# Notes\n\nЭто **не** так просто, как кажется.\n\nКонтейнер запускается из **образа** за секунды.\n');
    expect(dropped('emphasis')).toHaveLength(1);
    expect(asked).toEqual(['Контейнер запускается из {{c1::образа}} за секунды. = ']);
  });

  it('asks the names a sentence of prose writes as code', () => {
    const { result } = read('# Debug\n\nЕсли логов мало, можно использовать команду `strace` и посмотреть системные вызовы.\n');
    expect(questionOf(result.cards[0]!)).toBe('Если логов мало, можно использовать команду {{c1::<code>strace</code>}} и посмотреть системные вызовы.');
  });
});

describe('notes written in Chinese, and glossaries without bold', () => {
  it('asks a bold term with a full-width gloss and colon as a definition, where it was a cloze of the term', () => {
    const { asked } = read('# Redis\n\n## 数据类型\n\n- **ZSet**（有序集合）：每个元素关联一个 score，按 score 排序。\n- **Hash**：键值对集合，适合存储对象的字段。\n');
    expect(asked).toEqual(['ZSet（有序集合） = 每个元素关联一个 score，按 score 排序。', 'Hash = 键值对集合，适合存储对象的字段。']);
  });

  it('reads the Chinese dash `——` as a separator, and asks a command from what it does', () => {
    const { asked } = read('# Redis\n\n## 常用命令\n\n- `EXPIRE key seconds` —— 设置键的过期时间\n- `TTL key`——查看键的剩余生存时间\n\nTCP——传输控制协议，是一种面向连接的、可靠的传输层协议。\n');
    expect(asked).toEqual(['设置键的过期时间 = EXPIRE key seconds', '查看键的剩余生存时间 = TTL key', 'TCP = 传输控制协议，是一种面向连接的、可靠的传输层协议。']);
  });

  it('asks two-character Han terms set in bold, and still turns down a stressed 不', () => {
    const { asked, dropped } = read('# 操作系统\n\n## 基本概念\n\n**进程**是资源分配的基本单位，**线程**是 CPU 调度的基本单位。\n\n线程之间**不**共享栈空间。\n');
    expect(asked).toEqual(['{{c1::进程}}是资源分配的基本单位，{{c2::线程}}是 CPU 调度的基本单位。 = ']);
    expect(dropped('emphasis')).toEqual(['线程之间{{c1::不}}共享栈空间。 = ']);
  });

  it('asks a list whose every item reads "Term: explanation" as definitions, in any script', () => {
    const { asked } = read(
      '# 操作系统\n\n## 进程间通信\n\n1. 管道（Pipe）：半双工通信，数据只能单向流动。\n2. 消息队列：消息的链表，存放在内核中。\n\n' +
        '## Kubernetes\n\n- Namespace: a virtual cluster inside a physical cluster.\n- **Pod**: the smallest unit Kubernetes deploys.\n',
    );
    expect(asked).toEqual([
      '管道（Pipe） = 半双工通信，数据只能单向流动。',
      '消息队列 = 消息的链表，存放在内核中。',
      'Namespace = a virtual cluster inside a physical cluster.',
      'Pod = the smallest unit Kubernetes deploys.',
    ]);
  });

  it('leaves a list of labelled values, or with one item that reads otherwise, to the list rule', () => {
    const { result } = read(
      '# Gradle\n\n## Сборка\n\n- Команда: `./gradlew assemble` собирает проект без тестов\n- Пример: сборка модуля app в каталоге build\n\n' +
        '## Шаги\n\n- Откройте настройки: раздел Build, Execution, Deployment\n- Нажмите Apply, чтобы сохранить изменения в проекте\n- Перезапустите IDE\n',
    );
    expect(result.cards.filter((card) => card.rule === 'definition')).toEqual([]);
  });
});

describe('a heading that asks a question', () => {
  it('is asked with the paragraph below it as the answer, in any language', () => {
    const { asked } = read(
      '# 操作系统\n\n## 死锁\n\n### 什么是死锁？\n\n多个进程因争夺资源而互相等待，若无外力作用，它们都将无法推进。\n\n' +
        '## Networking\n\n### Why does TCP need a three-way handshake?\n\nBoth sides must learn that the other can send and receive before data flows. A two-way handshake cannot confirm the server\'s sequence number.\n',
    );
    expect(asked).toEqual([
      '什么是死锁？ = 多个进程因争夺资源而互相等待，若无外力作用，它们都将无法推进。',
      "Why does TCP need a three-way handshake? = Both sides must learn that the other can send and receive before data flows. A two-way handshake cannot confirm the server's sequence number.",
    ]);
  });

  it('is not asked over a paragraph leading into a list, nor where the paragraph makes its own definition', () => {
    const { asked } = read(
      '# Тестирование\n\n## Основы\n\n### Зачем нужно тестирование?\n\nТестирование играет важную роль в разработке. Оно позволяет:\n\n- находить дефекты до релиза\n- снижать риски\n\n' +
        '### Что такое смоук-тестирование?\n\nСмоук-тестирование — это быстрая проверка основных функций сборки перед глубоким тестированием.\n',
    );
    expect(asked.filter((card) => card.includes('?'))).toEqual([]);
    expect(asked).toContain('Смоук-тестирование = быстрая проверка основных функций сборки перед глубоким тестированием.');
  });
});

describe('tables that track the notes or remark on rows', () => {
  it('turns down a reading-progress table (dates started and done, a status), and asks the dates of a timeline', () => {
    const { asked, dropped } = read(
      '# 思考，快与慢\n\n## 阅读进度\n\n| 部分 | 内容 | 开始 | 完成 | 状态 |\n|---|---|---|---|---|\n| 第一部分 | 两个系统 | 2024-01-06 | 2024-01-14 | ✅ |\n| 第二部分 | 启发法与偏见 | 2024-01-15 | — | 📖 在读 |\n\n' +
        '# 1914\n\n## Battles\n\n| Battle | Began | Outcome |\n|---|---|---|\n| Tannenberg | 1914-08-26 | German victory |\n| Marne | 1914-09-06 | Allied victory |\n',
    );
    expect(dropped('catalogue')).toContain('第一部分 › 内容 = 两个系统');
    expect(asked).toEqual(['Tannenberg › Began = 1914-08-26', 'Tannenberg › Outcome = German victory', 'Marne › Began = 1914-09-06', 'Marne › Outcome = Allied victory']);
  });

  it('turns down a column of remarks, which no question names, and asks the translation beside it', () => {
    const { asked, dropped } = read(
      '# Vocab\n\n## Kitchen\n\n| Español | English | Notes |\n|---|---|---|\n| el horno | oven | el microondas = microwave |\n| la olla | pot | olla a presión = pressure cooker |\n',
    );
    expect(asked).toEqual(['el horno › English = oven', 'la olla › English = pot']);
    expect(dropped('metadata')).toEqual(['el horno › Notes = el microondas = microwave', 'la olla › Notes = olla a presión = pressure cooker']);
  });
});

describe('a name asked from its description', () => {
  it('asks a status code from the column describing it when a repeated category stands between them', () => {
    const { asked, dropped } = read(
      '# HTTP\n\n## Коды ответов\n\n| Код | Категория | Описание |\n|---|---|---|\n' +
        '| **404 Not Found** | Ошибки клиента | Ресурс не найден. |\n| **410 Gone** | Ошибки клиента | Ресурс больше не доступен. |\n| **429 Too Many Requests** | Ошибки клиента | Слишком много запросов. |\n',
    );
    expect(asked).toEqual(['Ресурс не найден. = 404 Not Found', 'Ресурс больше не доступен. = 410 Gone', 'Слишком много запросов. = 429 Too Many Requests']);
    expect(dropped('metadata')).toHaveLength(3);
  });

  it('asks a formula as written, never a name from it: a complexity describes no algorithm', () => {
    const { asked } = read(
      '# Сортировка\n\n## Сложность\n\n| Алгоритм | В среднем | В худшем случае | Память |\n|---|---|---|---|\n' +
        '| Быстрая сортировка | $O(n \\log n)$ | $O(n^2)$ | $O(\\log n)$ |\n| Сортировка слиянием | $O(n \\log n)$ | $O(n \\log n)$ | $O(n)$ |\n| Пирамидальная сортировка | $O(n \\log n)$ | $O(n \\log n)$ | $O(1)$ |\n',
    );
    expect(asked).toEqual([
      'Быстрая сортировка › В худшем случае = \\(O(n^2)\\)',
      'Быстрая сортировка › Память = \\(O(\\log n)\\)',
      'Сортировка слиянием › В худшем случае = \\(O(n \\log n)\\)',
      'Сортировка слиянием › Память = \\(O(n)\\)',
      'Пирамидальная сортировка › В худшем случае = \\(O(n \\log n)\\)',
      'Пирамидальная сортировка › Память = \\(O(1)\\)',
    ]);
  });
});

describe('a question heading over a list, and trackers of work', () => {
  it('asks a question heading marked with a star by the short list that answers it, not by a long one', () => {
    const { asked } = read(
      '# JS\n\n## 5. `new` 操作符做了什么？⭐\n\n1. 创建一个新的空对象\n2. 把这个对象的原型指向构造函数的 prototype\n3. 以这个对象作为 this 执行构造函数\n\n' +
        '## 6. Which loops exist?\n\n- for\n- while\n',
    );
    expect(asked).toEqual(['new 操作符做了什么？ = 创建一个新的空对象 把这个对象的原型指向构造函数的 prototype 以这个对象作为 this 执行构造函数', '{{c1::for}} {{c2::while}} = ']);
  });

  it('turns down a question heading asking for advantages, answered by a list of them', () => {
    const { asked, dropped } = read('# Docker\n\n## Advantages of containers?\n\n- they start in seconds on any host\n- one image runs the same everywhere\n');
    expect(asked).toEqual([]);
    expect(dropped('evaluation')).toContain('Advantages of containers? = they start in seconds on any host one image runs the same everywhere');
  });

  it('turns down a log keyed by dates and a table of owners and statuses, and a column of pronunciations', () => {
    const { asked, dropped } = read(
      '# Words\n\n## Day 12\n\n| 单词 | 音标 | 释义 |\n|---|---|---|\n| ambiguous | /æmˈbɪɡjuəs/ | 模棱两可的，含糊不清的，有多种解释的 |\n| inevitable | /ɪnˈevɪtəbl/ | 不可避免的，必然发生的，无法阻止的 |\n\n' +
        '## 复习记录\n\n| 日期 | 内容 | 正确率 | 备注 |\n|---|---|---|---|\n| 4/10 | Day 10 | 82% | dispense / dispose 又混了 |\n| 4/11 | Day 11 | 75% | 形容词后缀没记牢 |\n\n' +
        '## Risks\n\n| Risk | Impact | Owner | Status |\n|---|---|---|---|\n| Disk at 90% | may block testing | Zhang | in progress |\n| Slow access requests | new hire blocked | me | filed |\n',
    );
    expect(asked).toEqual(['ambiguous › 释义 = 模棱两可的，含糊不清的，有多种解释的', 'inevitable › 释义 = 不可避免的，必然发生的，无法阻止的']);
    expect(dropped('metadata')).toEqual(['ambiguous › 音标 = /æmˈbɪɡjuəs/', 'inevitable › 音标 = /ɪnˈevɪtəbl/']);
    expect(dropped('catalogue')).toContain('4/10 › 内容 = Day 10');
    expect(dropped('catalogue')).toContain('Disk at 90% › Impact = may block testing');
  });
});

describe("the notes' own plans and diaries", () => {
  it('turns down a milestone table of planned and actual dates and a diary keyed by weeks, and asks the years of a history list', () => {
    const { asked, dropped } = read(
      '# 复盘\n\n## 里程碑\n\n| 里程碑 | 计划日期 | 实际日期 | 偏差 |\n|---|---|---|---|\n| 技术方案评审 | 04-08 | 04-10 | +2 天 |\n| 开发完成 | 05-17 | 05-20 | +3 天 |\n\n' +
        '## Лог\n\n- **03.06–09.06** — 6 задач, прочитал главу про probes\n- **10.06–16.06** — отпуск, ничего не делал\n\n' +
        '## Войны\n\n- **1812** — Отечественная война против Наполеона\n- **1853–1856** — Крымская война против коалиции держав\n\n' +
        '## Квартальный трекер\n\n| Квартал | Что планировал | Что сделал | Оценка |\n|---|---|---|---|\n| Q1 | индексы, 40 задач | индексы, 45 задач | 4 |\n| Q2 | k8s основы | k8s | 5 |\n',
    );
    expect(dropped('catalogue')).toContain('Q1 › Что сделал = индексы, 45 задач');
    expect(dropped('catalogue')).toContain('技术方案评审 › 实际日期 = 04-10');
    expect(dropped('metadata')).toContain('03.06–09.06 = 6 задач, прочитал главу про probes');
    expect(asked).toEqual(['1812 = Отечественная война против Наполеона', '1853–1856 = Крымская война против коалиции держав']);
  });
});

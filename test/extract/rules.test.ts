import { describe, expect, it } from 'vitest';
import { extractNote } from '../../src/extract/index.js';
import { crumbOf, deletionsOf, questionOf } from './helpers.js';

const cardsOf = (text: string, file = 'n.md') => extractNote(file, text).cards;

describe('extraction rules where they overlap', () => {
  it('gives the same bold term twice in a sentence one deletion number, and deletes its plain repeats', () => {
    const [card, ...rest] = cardsOf('# T\n\n**Кэш** быстрее диска, поэтому **кэш** ставят перед диском. Кэш дешевле.\n');
    expect(rest).toEqual([]);
    expect(card?.cards).toBe(1);
    expect(card?.front).toContain('{{c1::Кэш}}');
    expect(card?.front).toContain('{{c1::кэш}}');
  });

  it('asks a definition by its term and does not cloze the term again', () => {
    const cards = cardsOf('# T\n\n## S\n\n- **Idempotent**: same effect as **once**.\n- **Safe** — no change.\n');
    expect(cards.filter((c) => c.rule === 'definition').map((c) => questionOf(c))).toEqual(['Idempotent', 'Safe']);
    expect(cards.filter((c) => c.rule === 'list')).toEqual([]);
    expect(cards.flatMap(deletionsOf)).toEqual(['once']);
  });

  it('never clozes bold inside a table', () => {
    const cards = cardsOf('# T\n\n| Key | Value |\n| --- | --- |\n| **A** | the **first** letter |\n');
    expect(cards.map((c) => c.rule)).toEqual(['table']);
    expect(questionOf(cards[0]!)).toBe('A › Value');
  });

  it('leaves a heading equal to a term out of its breadcrumb, and deletes a cloze answer inside the title', () => {
    const [definition] = cardsOf('# Tools\n\n## Ansible\n\n**Ansible**: agentless automation.\n');
    expect(crumbOf(definition!)).toBe('Tools');
    const [cloze] = cardsOf('# HTTP basics\n\n**HTTP** is stateless.\n');
    expect(cloze?.front).toContain('{{c1::HTTP}} basics');
  });

  it("leaves a heading that is a cloze's whole answer out of its breadcrumb rather than showing a gap there", () => {
    const [cloze] = cardsOf('# Selenium\n\n## Classes\n\n### By\n\nThe class **By** finds the elements of a page with a locator.\n');
    expect(cloze?.front).toBe('<div class="crumb">Selenium › Classes</div>The class {{c1::By}} finds the elements of a page with a locator.');
  });

  it('cuts a long sentence to the clauses around its deletion', () => {
    const long = `# T\n\n${'Слово, '.repeat(150)}здесь **ответ**, ${'ещё слово; '.repeat(60)}конец.\n`;
    const [card] = cardsOf(long);
    expect(card?.front.length).toBeLessThan(700);
    expect(card?.front).toContain('{{c1::ответ}}');
  });

  it('splits a long list into cards of a readable size', () => {
    const items = Array.from({ length: 30 }, (_, i) => `- пункт ${i + 1}`).join('\n');
    const cards = cardsOf(`# T\n\n## Список\n\n${items}\n`);
    expect(cards.length).toBeGreaterThan(2);
    expect(cards.flatMap(deletionsOf)).toHaveLength(30);
  });
});

describe('clean HTML fields', () => {
  it('breaks code a table cell writes across lines with <br>, keeping each line\'s indentation', () => {
    const cards = cardsOf('# IDE\n\n| Template | Expands to |\n|---|---|\n| ifn | `if (x == null) {<br>    // code<br>}` |\n');
    expect(cards.map((c) => c.back)).toEqual(['<code>if (x == null) {<br>&#160;&#160;&#160;&#160;// code<br>}</code>']);
  });

  it('escapes raw HTML, keeps code and math, turns wikilinks into their text', () => {
    const [card] = cardsOf(
      '# T\n\nThe <script>alert(1)</script> tag, `a < b`, $x^2$ and [[Note|alias]] and [[Other#Part]] are **here**.\n',
    );
    expect(card?.front).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(card?.front).toContain('<code>a &lt; b</code>');
    expect(card?.front).toContain('\\(x^2\\)');
    expect(card?.front).toContain('alias and Other &gt; Part');
    expect(card?.front).not.toContain('[[');
  });

  it('makes images media relative to the notes root, and drops one outside it with a warning', () => {
    const result = extractNote('dir/n.md', '# T\n\n- **Pic**: ![a](img/p.png)\n- **Out**: see ![b](../../secret.png) here\n');
    expect(result.cards[0]?.back).toBe('<img src="dir/img/p.png">');
    expect(result.cards[0]?.media).toEqual(['dir/img/p.png']);
    expect(result.cards[1]?.media).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toEqual([expect.stringContaining('../../secret.png')]);
  });

  it('reads a title from the file name without numbering, and tags without spaces', () => {
    const text = '---\ntags: [web testing, api]\n---\n\nThe **answer** is here.\n';
    const [card] = cardsOf(text, 'QA/002. Bug-life-cycle.md');
    expect(card?.deck).toBe('QA');
    expect(extractNote('QA/002. Bug-life-cycle.md', text, { deck: { scheme: 'note' } }).cards[0]?.deck).toBe('QA::Bug life cycle');
    expect(crumbOf(card!)).toBe('Bug life cycle');
    expect(card?.tags).toEqual(['web_testing', 'api']);
  });

  it('warns about invalid front matter and still makes the cards', () => {
    const result = extractNote('n.md', '---\ntags: [unclosed\n---\n\n# T\n\nThe **answer** is here.\n');
    expect(result.cards).toHaveLength(1);
    expect(result.warnings[0]?.message).toMatch(/front matter is not valid YAML/);
  });
});

describe('how notes are really written', () => {
  it('reads stacked "**Term:** text" lines of one paragraph as separate definitions', () => {
    const cards = cardsOf('# T\n\n**Severity:** how bad the defect is.\n**Priority:** how soon to fix it.\n');
    expect(cards.map((c) => [questionOf(c), c.back])).toEqual([
      ['Severity', 'how bad the defect is.'],
      ['Priority', 'how soon to fix it.'],
    ]);
  });

  it('reads a bold line heading the lines below it as a definition', () => {
    const cards = cardsOf('# T\n\n**Severity (Серьезность)**\nСтепень влияния дефекта на систему. **Определяет тестировщик**, а не заказчик.\n');
    expect(cards.map((c) => [c.rule, questionOf(c)])).toEqual([
      ['definition', 'Severity (Серьезность)'],
      ['bold', '{{c1::Определяет тестировщик}}, а не заказчик.'],
    ]);
    expect(cards[0]?.back).toMatch(/^Степень влияния дефекта на систему\./);
  });

  it('asks a "**Вопрос:** … **Ответ:** …" pair as the note wrote it', () => {
    const cards = cardsOf('# T\n\n## Singleton\n\n**Вопрос:** В чем суть паттерна?\n**Ответ:** Один экземпляр класса на **всё приложение**.\n');
    expect(cards).toHaveLength(1);
    expect(questionOf(cards[0]!)).toBe('В чем суть паттерна?');
    expect(cards[0]?.back).toBe('Один экземпляр класса на <b>всё приложение</b>.');
  });

  it('answers a definition that ends with a colon with the list after it, and asks that list no other way', () => {
    const cards = cardsOf('# T\n\n## Параметризация\n\n**Способы**: есть два пути:\n\n- аннотация\n- файл данных\n');
    expect(cards.map((c) => c.rule)).toEqual(['definition']);
    expect(cards[0]?.back).toBe('есть два пути:<ul><li>аннотация</li><li>файл данных</li></ul>');
  });

  it('keys a table by its second column when the first only numbers the rows', () => {
    const cards = cardsOf('# T\n\n| № | Phase | What it does |\n| - | ---- | ---------- |\n| 1 | validate | checks the project |\n| 2 | compile | builds the sources |\n');
    expect(cards.map((c) => [questionOf(c), c.back])).toEqual([
      ['validate › What it does', 'checks the project'],
      ['compile › What it does', 'builds the sources'],
    ]);
  });

  it('titles a note named only by a number after its first H1, and drops heading decoration', () => {
    const text = '# 📌 Типы данных 1️⃣\n\nТекст **здесь**.\n\n# Другое\n\nЕщё **там**.\n';
    const [card] = cardsOf(text, 'Intensive/007.md');
    expect(card?.deck).toBe('Intensive');
    expect(extractNote('Intensive/007.md', text, { deck: { scheme: 'note' } }).cards[0]?.deck).toBe('Intensive::Типы данных');
    expect(crumbOf(card!)).toBe('Типы данных');
  });

  it('makes no cards from a table of contents', () => {
    const cards = cardsOf('# Содержание\n\n## Разделы\n\n- [Первый](#первый)\n- [Второй](#второй)\n\n## Первый\n\nТекст **здесь**.\n', 'Guide.md');
    expect(cards.map((c) => c.rule)).toEqual(['bold']);
    expect(crumbOf(cards[0]!)).toBe('Guide › Первый');
  });
});

describe('notes that are templates or site code', () => {
  it('make no cards', () => {
    expect(cardsOf('---\ntitle: "{{title}}"\ntags: [daily]\n---\n')).toEqual([]);
    expect(cardsOf('# {{title}}\n\n**Дата**: {{date:YYYY-MM-DD}}\n\n- **Статус**: <% tp.system.prompt("status") %>\n')).toEqual([]);
    expect(cardsOf("import Tabs from '@theme/Tabs';\nexport const meta = { title: 'x' };\n\n<Tabs>\n</Tabs>\n", 'page.md')).toEqual([]);
  });

  it('keep list deletions free of closing punctuation and sentences free of leading bullets', () => {
    const cards = cardsOf('# T\n\n## Шаги\n\n- первый шаг;\n- второй шаг.\n\n🔹 Позволяет распределять приоритеты **по степени риска**.\n');
    expect(cards[0]?.front).toContain('<li>{{c1::первый шаг}};</li><li>{{c2::второй шаг}}.</li>');
    expect(questionOf(cards[1]!)).toBe('Позволяет распределять приоритеты {{c1::по степени риска}}.');
  });
});

describe('tables that group their rows', () => {
  it('key each row by its group and second cell', () => {
    const cards = cardsOf('# T\n\n| Категория | Слово | Описание |\n| - | - | - |\n| **Агрегация** | `MIN` | минимум |\n| | `MAX` | максимум |\n');
    expect(cards.map((c) => [questionOf(c), c.back])).toEqual([
      ['Агрегация › <code>MIN</code> › Описание', 'минимум'],
      ['Агрегация › <code>MAX</code> › Описание', 'максимум'],
    ]);
  });

  it('key each row by its group when the group heads its rows in a row of its own', () => {
    const cards = cardsOf(
      '# T\n\n| Тип | Инструмент | Описание |\n| - | - | - |\n| **Автоматизированное** | | |\n| | **Appium** | кроссплатформенный |\n| | **Espresso** | для Android |\n| **Ручное** | | |\n| | **Xcode** | IDE для iOS |\n',
    );
    expect(cards.map((c) => [questionOf(c), c.back])).toEqual([
      ['Автоматизированное › Appium › Описание', 'кроссплатформенный'],
      ['Автоматизированное › Espresso › Описание', 'для Android'],
      ['Ручное › Xcode › Описание', 'IDE для iOS'],
    ]);
  });
});

describe('tables that number their rows', () => {
  it('key each row by its second cell, and a row left unnumbered by the numbered row above it too', () => {
    const cards = cardsOf(
      '# T\n\n| № | Метод | Описание |\n|---|---|---|\n| 1 | **Ручное** | QA-инженер проверяет сам |\n| 2 | **Автоматизированное** | скрипты |\n|   | **Инструменты (Android)** | Espresso |\n| 3 | **Облако** | BrowserStack |\n',
    );
    expect(cards.map((c) => [questionOf(c), c.back])).toEqual([
      ['Ручное › Описание', 'QA-инженер проверяет сам'],
      ['Автоматизированное › Описание', 'скрипты'],
      ['Автоматизированное › Инструменты (Android) › Описание', 'Espresso'],
      ['Облако › Описание', 'BrowserStack'],
    ]);
  });
});

describe('tables of sample data', () => {
  it('make no cards when every cell is a number, a letter or NULL, as a query result shown for illustration', () => {
    const join = '# SQL\n\n## LEFT JOIN\n\n| A.key | A.value | B.value |\n|---|---|---|\n| 1 | A | NULL |\n| 2 | B | X |\n| 3 | C | – |\n';
    expect(cardsOf(join)).toEqual([]);
  });

  it('still ask a table whose numbers are keyed by names, or whose codes are explained in words', () => {
    const ports = cardsOf('# Сети\n\n| Протокол | Порт |\n|---|---|\n| TELNET | 23 |\n| SSH | 22 |\n');
    expect(ports.map((c) => [questionOf(c), c.back])).toEqual([
      ['TELNET › Порт', '23'],
      ['SSH › Порт', '22'],
    ]);
    expect(cardsOf('# HTTP\n\n| Code | Meaning |\n|---|---|\n| 200 | OK |\n| 404 | Not Found |\n').map((c) => c.back)).toEqual(['OK', 'Not Found']);
  });
});

describe('navigation', () => {
  it('a list of links to other notes makes no list card', () => {
    const cards = cardsOf('# Index\n\n## Стандарты\n\n1. [ISTQB](002.%20ISTQB.md)\n2. [CMMI](005.%20CMMI.md)\n3. [TMMi](007.%20TMMi.md)\n');
    expect(cards).toEqual([]);
  });
});

describe('a card never shows its own answer', () => {
  it('asks nothing of a list whose item another item repeats', () => {
    const result = extractNote('t.md', '# T\n\n## Полиморфизм\n\n- Ключевые моменты\n- Ключевые моменты:\n- один интерфейс\n- много реализаций\n');
    expect(result.cards).toEqual([]);
    expect(result.dropped.map((d) => [d.rule, d.reason])).toEqual([['list', 'long-item']]);
  });
});

describe('questions the note wrote in bold', () => {
  it('are asked as written, answered by what follows up to the next heading', () => {
    const cards = cardsOf('# Git\n\n**Какими командами задать имя и email?**\n\n`git config user.name` — имя.\n\n## Ветки\n\nТекст.\n');
    expect(cards.map((c) => [questionOf(c), c.back])).toEqual([['Какими командами задать имя и email?', '<code>git config user.name</code> — имя.']]);
  });
});

describe('a definition that only announces the lines below it', () => {
  it('makes no card of the announcement; the announced definitions are asked, and the label is not clozed', () => {
    const cards = cardsOf('# T\n\n## Анализ границ\n\n**Пример:**  \nПоле принимает числа от 1 до 100. Проверим:  \n✅ **Граница:** крайние допустимые числа  \n❌ **За пределами:** числа сразу за границей\n');
    expect(cards.map((c) => [c.rule, questionOf(c), c.back])).toEqual([
      ['definition', 'Граница', 'крайние допустимые числа'],
      ['definition', 'За пределами', 'числа сразу за границей'],
    ]);
  });
});

describe('definitions inside a labelled list item', () => {
  const note = (ci: string, cd: string): string =>
    `# T\n\n## CI/CD\n\n1. **${ci}**:\n   - **Цель**: быстро находить ошибки.\n   - **Практика**: тесты после каждого коммита.\n\n` +
    `2. **${cd}**:\n   - **Цель**: код всегда готов к выкладке.\n   - **Практика**: сборка уходит на staging.\n`;

  it('asks each by its item label: two practices are two cards, each with its own answer', () => {
    const practices = cardsOf(note('Continuous Integration', 'Continuous Delivery')).filter((c) => questionOf(c).endsWith('Практика'));
    expect(practices.map((c) => [crumbOf(c), questionOf(c), c.back])).toEqual([
      ['T › CI/CD', 'Continuous Integration › Практика', 'тесты после каждого коммита.'],
      ['T › CI/CD', 'Continuous Delivery › Практика', 'сборка уходит на staging.'],
    ]);
  });

  it('keeps those cards when a label is reworded: the label shows in the question but is not part of a card id', () => {
    const ids = (text: string) => cardsOf(text).filter((c) => /(Практика|Цель)$/u.test(questionOf(c))).map((c) => c.id);
    const before = ids(note('Continuous Integration', 'Continuous Delivery'));
    expect(new Set(before).size).toBe(4);
    expect(ids(note('CI — непрерывная интеграция', 'CD — непрерывная доставка'))).toEqual(before);
  });

  it('does not ask the label itself when its sub-list is all definitions: each fact is asked once, not again inside an overview', () => {
    const cards = cardsOf(note('Continuous Integration', 'Continuous Delivery'));
    expect(cards.map((c) => `${crumbOf(c)} › ${questionOf(c)}`)).toEqual([
      'T › CI/CD › Continuous Integration › Цель',
      'T › CI/CD › Continuous Integration › Практика',
      'T › CI/CD › Continuous Delivery › Цель',
      'T › CI/CD › Continuous Delivery › Практика',
    ]);
  });

  it('does not ask the label over a glossary written without bold either: its terms are asked on their own', () => {
    const cards = cardsOf(
      '# T\n\n## Hadoop\n\n- **HDFS**\n  - NameNode: хранит метаданные файловой системы целиком.\n  - DataNode: хранит сами блоки данных на дисках.\n- **YARN**\n  - управляет ресурсами кластера\n  - планирует задачи приложений\n',
    );
    expect(cards.map((c) => `${crumbOf(c)} › ${questionOf(c)} = ${c.back}`)).toEqual([
      'T › Hadoop › HDFS › хранит метаданные файловой системы целиком. = NameNode',
      'T › Hadoop › HDFS › хранит сами блоки данных на дисках. = DataNode',
      'T › Hadoop › YARN = <ul><li>управляет ресурсами кластера</li><li>планирует задачи приложений</li></ul>',
    ]);
  });

  it('asks a label with its definitions when each of them only restates its term, and lists it as dropped when they are asked', () => {
    const note = (second: string) => `# T\n\n## JUnit\n\n- **Уровни**:\n  - Методы: одновременный запуск тестовых методов.\n  - ${second}\n`;
    const restating = extractNote('T.md', note('Классы: одновременный запуск тестовых классов.'));
    expect(restating.cards.map((c) => questionOf(c))).toEqual(['Уровни']);
    const asked = extractNote('T.md', note('Сьюты: блоки, которые файл testng.xml описывает тегом suite.'));
    expect(asked.cards.map((c) => questionOf(c))).toEqual(['Сьюты']);
    expect(asked.dropped.filter((d) => d.reason === 'several-facts').map((d) => d.front)).toEqual(['<div class="crumb">T › JUnit</div>Уровни']);
  });

  it('still asks a label over a sub-list that is not all definitions, answered by its points while each definition is asked once on its own', () => {
    const cards = cardsOf('# T\n\n## Git\n\n- **Merge**:\n  - объединяет истории веток\n  - **Когда**: ветка общая.\n');
    expect(cards.map((c) => [questionOf(c), c.back])).toEqual([
      ['Merge', '<ul><li>объединяет истории веток</li></ul>'],
      ['Когда', 'ветка общая.'],
    ]);
  });

  it("asks each facet of a subject under its bold label, however short its value, and the label with its other points", () => {
    const note =
      '# Минералы\n\n## Главные\n\n1. **Кальций**\n   - Норма 800 мг в сутки для взрослых\n   - Усиливает всасывание: витамин D, лактоза\n   - Тормозит всасывание: оксалаты, фитаты\n' +
      '2. **Железо**\n   - Гемовое железо всасывается хорошо\n   - Витамин C помогает усвоению: апельсины\n' +
      '3. **钙**\n   - 促进吸收: 维生素 D、乳糖\n   - 最好的来源: 奶及奶制品\n' +
      '4. **SIGKILL**\n   - Default action: ends the process at once\n   - Sent by: `kill -9`\n';
    const cards = cardsOf(note);
    expect(cards.map((c) => [c.front.match(/<div class="crumb">(.*?)<\/div>/)?.[1], questionOf(c), c.back])).toEqual([
      ['Минералы › Главные', 'Кальций', '<ul><li>Норма 800 мг в сутки для взрослых</li></ul>'],
      ['Минералы › Главные › Кальций', 'Усиливает всасывание', 'витамин D, лактоза'],
      ['Минералы › Главные › Кальций', 'Тормозит всасывание', 'оксалаты, фитаты'],
      // One facet among points is no list of facets: the label is asked with its list as written.
      ['Минералы › Главные', 'Железо', '<ul><li>Гемовое железо всасывается хорошо</li><li>Витамин C помогает усвоению: апельсины</li></ul>'],
      ['Минералы › Главные › 钙', '促进吸收', '维生素 D、乳糖'],
      ['Минералы › Главные › 钙', '最好的来源', '奶及奶制品'],
      ['Минералы › Главные › SIGKILL', 'Default action', 'ends the process at once'],
      // A value may open with code; one opening with bold is the bold rule's.
      ['Минералы › Главные › SIGKILL', 'Sent by', '<code>kill -9</code>'],
    ]);
  });

  it('reads no facets in a record of counts and dates, in numbered steps, nor in an example', () => {
    const cards = cardsOf(
      '# Отчёт\n\n## Итоги\n\n1. **Статистика**\n   - Создано тест-кейсов: 100.\n   - Выполнено: 95%.\n   - Дата: 01.01.2023\n' +
        '2. **Шаги воспроизведения**\n   - Шаг 1: открыть форму входа\n   - Шаг 2: ввести пароль\n\n' +
        '## Пример отчёта\n\n1. **Анализ результатов**\n   - Оценка качества: средняя.\n   - Основные риски: доработка модуля авторизации.\n',
    );
    expect(cards.map((c) => questionOf(c))).toEqual(['Статистика', 'Шаги воспроизведения', 'Анализ результатов']);
  });
});

describe('a list of terms with their descriptions', () => {
  it('asks each term, its description left as the cue', () => {
    const [card] = cardsOf('# T\n\n## Инструменты\n\n- Swagger Editor — ручная проверка\n- Prism – мок-сервер и валидация\n- Spectral - линтинг файлов\n');
    expect(questionOf(card!)).toBe(
      '<ul><li>{{c1::Swagger Editor}} — ручная проверка</li><li>{{c2::Prism}} – мок-сервер и валидация</li><li>{{c3::Spectral}} - линтинг файлов</li></ul>',
    );
  });

  it('asks short items whole when one of them is not a term and its description', () => {
    const [card] = cardsOf('# T\n\n## Хук\n\n- Открыть соединение\n- Потом — закрыть\n');
    expect(deletionsOf(card!)).toEqual(['открыть соединение', 'потом — закрыть']);
  });

  it('asks nothing when a term is written in another description, which would show it, and the items are too long to delete whole', () => {
    const result = extractNote('t.md', '# T\n\n## Инструменты\n\n- Postman — ручные запросы\n- Newman — Postman в CI\n');
    expect(result.cards).toEqual([]);
    expect(result.dropped.map((d) => d.reason)).toEqual(['long-item']);
  });
});

describe('a term written as code', () => {
  it('asks a command of a cheat sheet from what it does, the command kept as code, and makes no list card of a list of them', () => {
    const cards = cardsOf('# VCS\n\n## TFS\n\n- `tf get`: Получить последнюю версию кода.\n- `tf checkout` — Заблокировать файл для редактирования.\n');
    expect(cards.map((c) => [c.rule, questionOf(c), c.back])).toEqual([
      ['definition', 'Получить последнюю версию кода.', '<code>tf get</code>'],
      ['definition', 'Заблокировать файл для редактирования.', '<code>tf checkout</code>'],
    ]);
  });

  it("keeps a code term's own colon as code, and takes no code span alone on its line for a term", () => {
    const [scenario] = cardsOf('# Gherkin\n\n## Ключевые слова\n\n- `Scenario:` — конкретный пользовательский сценарий\n');
    expect([questionOf(scenario!), scenario!.back]).toEqual(['конкретный пользовательский сценарий', '<code>Scenario:</code>']);
    expect(cardsOf('# T\n\n`npm test`\nзапускает тесты.\n').filter((c) => c.rule === 'definition')).toEqual([]);
  });

  it('asks what a label over a sub-list of such terms says before announcing them, and each term on its own', () => {
    const cards = cardsOf('# HTTP\n\n## Коды\n\n- **2xx**: Успешные ответы. Например:\n  - `200 OK`: запрос выполнен.\n  - `201 Created`: ресурс создан.\n');
    expect(cards.map((c) => [crumbOf(c), questionOf(c), c.back])).toEqual([
      ['HTTP › Коды', 'Успешные ответы.', '2xx'],
      ['HTTP › Коды', 'запрос выполнен.', '<code>200 OK</code>'],
      ['HTTP › Коды', 'ресурс создан.', '<code>201 Created</code>'],
    ]);
  });
});

describe('a list introduced by a line', () => {
  it('shows a plain introduction above the items, and a bold one only in the breadcrumb', () => {
    const [plain] = cardsOf('# T\n\n## Шаги\n\nСистема проверяет:\n\n- адрес почты\n- длину пароля\n');
    expect(questionOf(plain!)).toBe('<div>Система проверяет:</div><ul><li>{{c1::адрес почты}}</li><li>{{c2::длину пароля}}</li></ul>');
    const [bold] = cardsOf('# T\n\n## JUnit\n\n**Компоненты:**\n\n- аннотации\n- ассерты\n');
    expect(crumbOf(bold!)).toBe('T › JUnit › Компоненты');
    expect(questionOf(bold!)).toBe('<ul><li>{{c1::аннотации}}</li><li>{{c2::ассерты}}</li></ul>');
  });
});

describe('what writers type without thinking of Markdown', () => {
  it('reads Python dunder names as code, not bold', () => {
    const cards = cardsOf('# T\n\n- **Протокол итератора**: методы __iter__() и __next__().\n');
    expect(cards.map((c) => c.back)).toEqual(['методы <code>__iter__</code>() и <code>__next__</code>().']);
  });

  it('reads an emoji before a bold term as decoration of a definition line', () => {
    const cards = cardsOf('# T\n\n## Возраст\n\n✅ **Допустимые значения:** от 18 до 60 лет  \n❌ **Недопустимые значения:** младше 18 или старше 60\n');
    expect(cards.map((c) => [questionOf(c), c.back])).toEqual([
      ['Допустимые значения', 'от 18 до 60 лет'],
      ['Недопустимые значения', 'младше 18 или старше 60'],
    ]);
    // Sample values alone ("18, 30, 60") are an example's data, turned down with that reason.
    const sample = extractNote('n.md', '# T\n\n## Возраст\n\n✅ **Допустимые значения:** 18, 30, 60\n');
    expect(sample.dropped.map((d) => d.reason)).toEqual(['sample-data']);
  });
});

describe('a bold label over a formula', () => {
  it('asks the label and answers with the code it announces', () => {
    const cards = cardsOf('# Метрики\n\n**Формула расчета Velocity:**\n\n```\nVelocity = Story Points / Спринты\n```\n');
    expect(cards.map((c) => [questionOf(c), c.back])).toEqual([
      ['Формула расчета Velocity', '<pre><code>Velocity = Story Points / Спринты</code></pre>'],
    ]);
  });

  it('turns down a label that only says an example follows, in any of the languages the lexicon knows', () => {
    for (const label of ['Пример', 'Пример обработки исключения', 'Example', '示例']) {
      const result = extractNote('n.md', `# Selenium\n\n## Alert\n\n**${label}:**\n\n\`\`\`java\nAlert alert = driver.switchTo().alert();\n\`\`\`\n`);
      expect(result.cards).toEqual([]);
      expect(result.dropped.map((d) => d.reason)).toEqual(['label']);
    }
  });
});

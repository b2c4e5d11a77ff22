// @ts-check
/**
 * Synthetic vaults for benchmarks and scale tests: Russian and English study
 * notes shaped like /work/shared/seeds and the ru-qa-testing vault — YAML front
 * matter, headings, prose with **bold** terms, "**Term**: explanation" lists,
 * bulleted principles under headings, GFM tables, [[wikilinks]], inline and
 * fenced code, $math$, folders up to four levels deep.
 *
 * Deterministic: the same (count, seed) gives the same files, byte for byte.
 * Note sizes follow a log-normal spread around the real notes' median (a few
 * KB, a long tail up to ~40 KB), so the parse cost per note is realistic.
 * With `large`, that many notes are instead 100-400 KB, spread evenly over
 * the vault, as the cheat sheets of ru-qa-testing are (5 of its 115 notes):
 * remark's cost on a large note is not that of many small ones.
 *
 * Usage: node bench/generate.js OUT_DIR [--notes 1000] [--seed 1] [--large 0]
 */
import { Buffer } from 'node:buffer';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @param {number} seed */
export function prng(seed) {
  // mulberry32: tiny, fast and good enough to spread content; not for crypto.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RU = {
  words: (
    'система сервис данные запрос ответ сервер клиент тестирование проверка требование дефект ошибка сборка ' +
    'развертывание конфигурация инфраструктура контейнер образ журнал метрика мониторинг алерт база таблица индекс ' +
    'транзакция процесс поток память диск сеть пакет протокол модуль функция класс объект метод интерфейс ' +
    'пользователь команда разработка эксплуатация автоматизация скрипт релиз версия ветка изменение состояние ' +
    'окружение стенд нагрузка производительность безопасность доступ ключ токен политика правило уровень ' +
    'приложение компонент зависимость библиотека фреймворк очередь сообщение событие обработчик кэш хранилище'
  ).split(' '),
  verbs: 'позволяет обеспечивает использует проверяет описывает определяет собирает хранит передает ускоряет упрощает снижает'.split(' '),
  glue: 'и в на для при с по из без через после перед также однако поэтому чтобы который'.split(' '),
  headings: [
    'Принципы', 'Основные понятия', 'Инструменты', 'Архитектура', 'Практика', 'Траблшутинг', 'Примеры',
    'Виды', 'Этапы', 'Критерии', 'Преимущества и недостатки', 'Ресурсы', 'Термины', 'Подходы',
  ],
  columns: ['Уровень', 'Описание', 'Ключевые навыки', 'Критерии оценки', 'Преимущества', 'Рекомендации', 'Пример'],
  rows: ['Junior', 'Middle', 'Senior', 'Expert', 'Базовый', 'Расширенный', 'Промышленный'],
};

const EN = {
  words: (
    'system service data request response server client testing check requirement defect error build ' +
    'deployment configuration infrastructure container image log metric monitoring alert database table index ' +
    'transaction process thread memory disk network package protocol module function class object method interface ' +
    'user team development operations automation script release version branch change state ' +
    'environment stage load performance security access key token policy rule level ' +
    'application component dependency library framework queue message event handler cache storage'
  ).split(' '),
  verbs: 'allows ensures uses verifies describes defines collects stores sends speeds simplifies reduces'.split(' '),
  glue: 'and in on for with by from without through after before also however therefore so that which'.split(' '),
  headings: [
    'Principles', 'Key concepts', 'Tools', 'Architecture', 'Practice', 'Troubleshooting', 'Examples',
    'Kinds', 'Stages', 'Criteria', 'Pros and cons', 'Resources', 'Terms', 'Approaches',
  ],
  columns: ['Level', 'Description', 'Key skills', 'Criteria', 'Benefits', 'Recommendations', 'Example'],
  rows: ['Junior', 'Middle', 'Senior', 'Expert', 'Basic', 'Advanced', 'Production'],
};

const TERMS = [
  'Docker', 'Kubernetes', 'Ansible', 'Terraform', 'Prometheus', 'Grafana', 'GitOps', 'CI/CD', 'REST', 'GraphQL',
  'SQL', 'NoSQL', 'Redis', 'Kafka', 'RabbitMQ', 'Nginx', 'PostgreSQL', 'JUnit', 'pytest', 'Selenium', 'Playwright',
  'Postman', 'JMeter', 'Git', 'Jenkins', 'Linux', 'Bash', 'Python', 'TCP', 'UDP', 'HTTP', 'DNS', 'TLS', 'OAuth',
];
const TAGS = ['python', 'devops', 'testing', 'qa', 'linux', 'network', 'database', 'api', 'automation', 'sre', 'security'];
const TOP_FOLDERS = [
  'Testing', 'Cheat-sheets', 'DevOps', 'Python', 'Networks', 'Databases', 'Security', 'Management', 'Mobile', 'Inbox',
];

/**
 * @param {() => number} rand
 * @returns {<T>(list: readonly T[]) => T}
 */
function picker(rand) {
  return (list) => /** @type {any} */ (list[Math.floor(rand() * list.length)]);
}

/**
 * One note's Markdown text.
 * @param {() => number} rand
 * @param {number} index
 * @param {string[]} titles all note titles (for wikilinks)
 * @param {number} [bytes] the note's size, instead of the usual spread
 */
function noteText(rand, index, titles, bytes) {
  const pick = picker(rand);
  const lang = rand() < 0.7 ? RU : EN;
  const int = (/** @type {number} */ lo, /** @type {number} */ hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const word = () => pick(lang.words);
  const phrase = (/** @type {number} */ n) => Array.from({ length: n }, word).join(' ');
  const inline = () => {
    const r = rand();
    if (r < 0.25) return `**${phrase(int(1, 3))}**`;
    if (r < 0.33) return `\`${pick(TERMS).toLowerCase()}\``;
    if (r < 0.38) return `[[${pick(titles)}]]`;
    if (r < 0.40) return `$x_${int(1, 9)} + y$`;
    return phrase(int(2, 5));
  };
  const sentence = () => {
    const parts = [phrase(int(1, 3)), pick(lang.verbs), inline(), pick(lang.glue), inline(), pick(lang.glue), phrase(int(1, 4))];
    const s = parts.join(' ');
    return s.charAt(0).toUpperCase() + s.slice(1) + '.';
  };
  const paragraph = () => Array.from({ length: int(1, 4) }, sentence).join(' ');
  const title = titles[index] ?? `note ${index}`;

  // Log-normal target size around ~5 KB, capped: most notes short, a few long.
  const normal = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const target = bytes ?? Math.min(40_000, Math.max(600, Math.round(4500 * Math.exp(0.7 * normal))));

  const out = [];
  if (rand() < 0.85) {
    const tags = [...new Set(Array.from({ length: int(1, 3) }, () => pick(TAGS)))];
    out.push('---', `title: '${title}'`, 'tags:', ...tags.map((t) => `  - ${t}`), `created: '2024-0${int(1, 9)}-1${int(0, 9)}T10:00:00.000Z'`, '---', '');
  }
  out.push(`# ${title}`, '', paragraph(), '');
  let size = out.join('\n').length * 1.6;
  let section = 0;
  while (size < target) {
    section++;
    const heading = `${pick(lang.headings)} ${section}`;
    const block = [`## ${heading}`, ''];
    const kind = rand();
    if (kind < 0.25) {
      block.push(paragraph(), '', paragraph());
    } else if (kind < 0.45) {
      for (let i = int(3, 6); i > 0; i--) block.push(`- ${phrase(int(2, 6))}${rand() < 0.3 ? ` ${inline()}` : ''}`);
    } else if (kind < 0.65) {
      const sep = pick([':', ':', ' —', ' -']);
      for (let i = int(2, 5); i > 0; i--) block.push(`- **${pick(TERMS)} ${word()}**${sep} ${phrase(int(4, 10))} ${inline()}.`);
    } else if (kind < 0.8) {
      const cols = int(2, 4);
      const header = lang.columns.slice(0, cols);
      block.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
      for (let r = int(2, 5); r > 0; r--) {
        const cells = [pick(lang.rows), ...Array.from({ length: cols - 1 }, () => phrase(int(2, 7)))];
        block.push(`| ${cells.join(' | ')} |`);
      }
    } else if (kind < 0.9) {
      block.push(paragraph(), '', '```python', `def ${word().replace(/[^a-z]/g, '') || 'run'}_${section}(x):`, `    return x * ${section}`, '```');
    } else {
      block.push(`### ${pick(lang.headings)}`, '', paragraph(), '', `**${pick(TERMS)}** — ${phrase(int(5, 12))}.`);
    }
    block.push('');
    const text = block.join('\n');
    out.push(text);
    size += text.length * (lang === RU ? 1.8 : 1);
  }
  return out.join('\n');
}

/**
 * Relative paths (with `/`) of `count` notes spread over top-level folders and
 * up to three sub-folder levels, with a few top-level notes.
 * @param {() => number} rand
 * @param {number} count
 */
function notePaths(rand, count) {
  const pick = picker(rand);
  const topCount = Math.max(2, Math.min(TOP_FOLDERS.length, Math.ceil(count / 100)));
  const folders = [];
  for (const top of TOP_FOLDERS.slice(0, topCount)) {
    folders.push(top);
    for (let a = 1; a <= 4; a++) {
      const level1 = `${top}/00${a}. ${pick(EN.words)}-${pick(EN.words)}`;
      folders.push(level1);
      for (let b = 1; b <= 2; b++) {
        const level2 = `${level1}/${pick(RU.words)}-${b}`;
        folders.push(level2, `${level2}/${pick(EN.words)}-deep`);
      }
    }
  }
  const paths = [];
  for (let i = 0; i < count; i++) {
    const name = `${String(i).padStart(5, '0')}. ${pick(rand() < 0.6 ? RU.words : EN.words)}-${pick(EN.words)}.md`;
    paths.push(i % 97 === 5 ? name : `${pick(folders)}/${name}`);
  }
  return paths;
}

const LARGE_MIN_BYTES = 100_000;
const LARGE_MAX_BYTES = 400_000;

/**
 * The sizes of the `large` notes of a vault of `notes`, by note index: evenly
 * spread, each size drawn from its own generator so the other notes stay as
 * they are without large ones.
 * @param {number} notes
 * @param {number} large
 * @param {number} seed
 * @returns {Map<number, number>}
 */
function largeSizes(notes, large, seed) {
  const sizes = new Map();
  const count = Math.min(large, notes);
  for (let k = 0; k < count; k++) {
    const index = Math.floor(((k + 0.5) * notes) / count);
    sizes.set(index, Math.round(LARGE_MIN_BYTES + prng(seed * 7919 + index)() * (LARGE_MAX_BYTES - LARGE_MIN_BYTES)));
  }
  return sizes;
}

/**
 * Writes a synthetic vault of `notes` notes into `dir` (emptied first), `large` of them 100-400 KB.
 * @param {string} dir
 * @param {{ notes: number, seed?: number, large?: number }} options
 * @returns {{ files: string[], bytes: number }} the relative paths written and their total size
 */
export function generateVault(dir, { notes, seed = 1, large = 0 }) {
  const rand = prng(seed);
  rmSync(dir, { recursive: true, force: true });
  const paths = notePaths(rand, notes);
  const titles = paths.map((p) => (p.split('/').pop() ?? p).replace(/\.md$/, '').replace(/^\d+\. /, ''));
  const sizes = largeSizes(notes, large, seed);
  let bytes = 0;
  paths.forEach((rel, i) => {
    const text = noteText(rand, i, titles, sizes.get(i));
    const full = join(dir, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    bytes += Buffer.byteLength(text);
  });
  return { files: paths, bytes };
}

/**
 * A deterministic edit of one note's text, as a user would make it: an answer
 * reworded and a new bold fact appended.
 * @param {string} text
 * @param {number} round
 */
export function editNoteText(text, round) {
  return `${text}\n## Edit ${round}\n\n- **Added term ${round}**: explanation written in round ${round}.\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args[0];
  if (!dir) {
    console.error('usage: node bench/generate.js OUT_DIR [--notes N] [--seed S] [--large N]');
    process.exit(2);
  }
  const option = (/** @type {string} */ name, /** @type {number} */ fallback) => {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const { files, bytes } = generateVault(dir, { notes: option('--notes', 1000), seed: option('--seed', 1), large: option('--large', 0) });
  console.log(`${files.length} notes, ${(bytes / 1e6).toFixed(1)} MB in ${dir}`);
}

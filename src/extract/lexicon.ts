/**
 * The few words of natural languages the rules need, as data, in one place.
 *
 * Every rule decides from the structure of a note first; these words only name
 * the kind of a heading, a column or a bold label ("Example", "Пример", "示例").
 * Each kind lists its words for several languages; a word is compared with the
 * whole label, lower-cased, after emoji, numbering and trailing punctuation are
 * dropped (see `labelWords`). Add a language by adding its words to each list.
 */

import { boundedMemo } from '../memo.js';

type Lexicon = ReadonlySet<string>;

function lexicon(...groups: readonly string[][]): Lexicon {
  return new Set(groups.flat().map((word) => word.toLowerCase()));
}

/** Tables of contents: no breadcrumb level, no cards. */
export const CONTENTS = lexicon(
  ['contents', 'table of contents', 'toc'],
  ['содержание', 'оглавление'],
  ['目录', '內容', '内容'],
  ['inhalt', 'inhaltsverzeichnis', 'índice', 'sommaire', 'table des matières'],
);

/** Sections that point elsewhere (links to read, not facts to recall). */
export const NAVIGATION = lexicon(
  ['see also', 'references', 'reference', 'links', 'useful links', 'resources', 'further reading', 'sources', 'bibliography', 'related', 'related notes', 'read more', 'reading list'],
  ['ссылки', 'полезные ссылки', 'источники', 'литература', 'ресурсы', 'см. также', 'см также', 'смотрите также', 'читать далее', 'материалы', 'полезные материалы', 'дополнительные материалы', 'ресурсы, форумы'],
  ['参考', '参考资料', '参考文献', '相关', '相关链接', '链接', '延伸阅读', '资源', '另见'],
  ['siehe auch', 'quellen', 'weiterführende links', 'referencias', 'enlaces', 'voir aussi', 'liens'],
);

/** Labels that introduce illustrations: their cells, rows and lines are made-up data or instances, not the fact. */
export const EXAMPLE = lexicon(
  ['example', 'examples', 'e.g', 'sample', 'samples', 'usage example', 'usage examples', 'example usage', 'for example', 'illustration'],
  ['пример', 'примеры', 'например', 'пример использования', 'примеры использования', 'пример кода', 'примеры кода', 'пример в sql', 'пример команды', 'пример применения', 'пример конфигурации'],
  ['例子', '示例', '例如', '举例', '范例', '例题', '用法', '示例代码', '例句'],
  ['beispiel', 'beispiele', 'ejemplo', 'ejemplos', 'exemple', 'exemples'],
);

/**
 * Headings of the worked solution of an exercise: the tables under one hold
 * the data of that exercise (inputs tried, results expected), not facts.
 */
export const SOLUTION = lexicon(
  ['solution', 'worked solution', 'worked example', 'answer key'],
  ['решение', 'решение задачи', 'разбор', 'разбор решения'],
  ['解答', '解法', '题解'],
  ['lösung', 'solución', 'solution'],
);

/** Bold labels that only announce what follows: not a term a learner recalls. */
export const ANNOUNCING = lexicon(
  ['note', 'notes', 'nb', 'tip', 'tips', 'hint', 'caution', 'important', 'attention', 'tl;dr', 'tldr', 'summary', 'in short', 'remember', 'todo', 'also', 'bonus', 'update', 'edit'],
  ['примечание', 'заметка', 'важно', 'внимание', 'совет', 'подсказка', 'итог', 'итого', 'итоги', 'вывод', 'выводы', 'кратко', 'коротко', 'вкратце', 'резюме', 'запомни', 'запомнить', 'также', 'кстати', 'обратите внимание'],
  ['注意', '提示', '总结', '小结', '重要', '备注'],
  ['hinweis', 'achtung', 'zusammenfassung', 'nota', 'resumen', 'remarque', 'résumé'],
);

/**
 * Headings and columns of judgements and sales points rather than facts:
 * advantages, drawbacks, recommendations, a product's feature list. Their
 * items are generic ("Readability: code is easier to read", "ER Diagrams:
 * creating ER diagrams") and learners delete them.
 */
export const EVALUATION = lexicon(
  ['advantages', 'disadvantages', 'pros', 'cons', 'pros and cons', 'benefits', 'drawbacks', 'strengths', 'weaknesses', 'recommendations', 'business value', 'features', 'key features', 'main features', 'capabilities', 'key capabilities', 'highlights'],
  ['преимущества', 'недостатки', 'плюсы', 'минусы', 'плюсы и минусы', 'достоинства', 'преимущества и недостатки', 'рекомендации', 'рекомендации по использованию', 'бизнес-ценность', 'возможности', 'основные возможности', 'ключевые возможности', 'основные функции', 'ключевые функции', 'особенности', 'основные особенности', 'ключевые особенности'],
  ['优点', '缺点', '优势', '劣势', '优缺点', '建议', '好处', '功能特点', '主要功能', '特点', '特性'],
  ['vorteile', 'nachteile', 'funktionen', 'ventajas', 'desventajas', 'características', 'avantages', 'inconvénients', 'fonctionnalités'],
  ['guidelines', 'best practices', 'tips', 'goals', 'objectives', 'practical recommendations'],
  ['гайдлайны', 'лучшие практики', 'советы', 'практические рекомендации', 'цели', 'основные цели'],
  ['最佳实践', '目标', '技巧', '准则'],
);

/**
 * Facet labels that ask for what their heading is: "Интерфейс › Определение"
 * is the question "Интерфейс", asked by the heading instead of the label.
 */
export const DEFINING = lexicon(
  ['definition', 'description', 'what is it', 'what it is', 'overview', 'meaning', 'essence', 'main idea', 'key idea', 'core idea', 'idea'],
  ['определение', 'описание', 'что это', 'что такое', 'суть', 'обзор', 'понятие', 'основная идея', 'главная идея', 'идея'],
  ['定义', '描述', '是什么', '简介', '概述', '概念', '核心思想', '主要思想'],
  ['definition', 'beschreibung', 'grundidee', 'definición', 'descripción', 'idea principal', 'définition', 'idée principale'],
);

/**
 * Headings over the fields of a document or record ("Структура баг-репорта",
 * "Attributes", "字段"): a defining label under one ("**Описание**:") is a
 * field of the record, not what the heading is.
 */
export const STRUCTURE = lexicon(
  ['structure', 'fields', 'attributes', 'template', 'layout'],
  ['структура', 'поля', 'атрибуты', 'шаблон', 'реквизиты'],
  ['结构', '字段', '属性', '模板'],
  ['struktur', 'felder', 'attribute', 'vorlage', 'estructura', 'campos', 'atributos', 'plantilla', 'champs', 'attributs', 'modèle'],
);

/**
 * Labels and column headers naming the tools a subject is worked with
 * ("Инструменты", "Tools", "工具"): answered by tool names alone, they ask a
 * list of titles to memorise, any of which might have been named.
 */
export const TOOLS = lexicon(
  ['tools', 'tooling', 'instruments', 'tools used', 'main tools', 'popular tools'],
  ['инструменты', 'средства', 'утилиты', 'используемые инструменты', 'основные инструменты', 'популярные инструменты'],
  ['工具', '常用工具', '主要工具'],
  ['werkzeuge', 'herramientas', 'outils'],
);

/**
 * Column headers naming what a row's subject is for ("Применение", "Purpose",
 * "用途"): with DEFINING, a column that describes its row's key, so a cell
 * that explains the key by the key's own words only restates it.
 */
export const PURPOSE = lexicon(
  ['purpose', 'usage', 'use', 'uses', 'used for', 'use case', 'use cases', 'application', 'role', 'function'],
  ['применение', 'назначение', 'использование', 'для чего', 'роль', 'функция', 'зачем'],
  ['用途', '作用', '应用', '用处', '功能'],
  ['zweck', 'verwendung', 'anwendung', 'uso', 'propósito', 'función', 'usage', 'utilisation', 'rôle', 'fonction'],
);

/**
 * Words that open a definition's answer after a dash only to link it to the
 * term ("Kafka — это платформа…", "Kafka — це платформа…"): the answer starts
 * past them.
 */
const DASH_COPULAS = lexicon(['это'], ['це'], ['гэта']);
const FIRST_WORD = /^\s*(\p{L}+)(?:\s+(?=\S)|\s*$)/u;

/** How long the copula an answer after a dash opens with is, spaces included; 0 when it opens otherwise. */
export function copulaLength(answer: string): number {
  const word = FIRST_WORD.exec(answer);
  return word && DASH_COPULAS.has((word[1] ?? '').toLowerCase()) ? word[0].length : 0;
}

/**
 * Words that point back to the sentence before ("Он запоминает…", "They
 * run…"): a sentence opening with one is asked with the sentence it needs.
 */
export const POINTING_BACK = lexicon(
  ['it', 'its', 'they', 'them', 'their', 'this', 'these', 'that', 'those', 'such', 'he', 'she'],
  ['он', 'она', 'оно', 'они', 'их', 'его', 'её', 'ее', 'им', 'ему', 'это', 'этот', 'эта', 'эти', 'этого', 'этой', 'такой', 'такие', 'такая', 'там', 'тогда'],
  ['它', '它们', '他', '她', '他们', '这', '这些', '该', '此'],
  ['er', 'sie', 'es', 'dies', 'ello', 'ellos', 'esto', 'il', 'elle', 'ils', 'cela', 'ceci'],
);

/**
 * Columns that describe the row rather than its subject: how hard, how long,
 * how much, where to find it. A catalogue's columns.
 */
export const METADATA = lexicon(
  ['difficulty', 'duration', 'time', 'length', 'price', 'cost', 'rating', 'stars', 'status', 'priority', 'link', 'links', 'url', 'date', 'author', 'year', 'progress', 'done', 'tags', 'level', 'source', 'category', 'type', 'platforms'],
  // Remarks on a row ("el fregadero | kitchen sink | bathroom sink = el lavabo"): "X › Notes" asks nothing one could answer.
  ['notes', 'note', 'comments', 'comment', 'remarks'],
  ['примечания', 'примечание', 'комментарий', 'комментарии', 'заметки'],
  ['备注', '附注', '注释'],
  ['anmerkungen', 'bemerkungen', 'notas', 'observaciones', 'remarques'],
  // Who does a task and by when, and how one scored: a tracker's columns.
  ['owner', 'assignee', 'responsible', 'due', 'due date', 'deadline', 'score', 'raised'],
  ['ответственный', 'исполнитель', 'владелец', 'срок', 'дедлайн', 'крайний срок', 'балл', 'баллы'],
  ['负责人', '责任人', '处理人', '截止日期', '截止时间', '预计完成', '预计解决', '得分', '分数', '正确率'],
  ['verantwortlich', 'frist', 'responsable', 'fecha límite', 'échéance'],
  // Plan against fact: a retrospective's or a plan's columns.
  ['target', 'target value', 'actual', 'actual value', 'planned', 'planned date', 'actual date', 'variance', 'metric'],
  ['план', 'факт', 'плановая дата', 'фактическая дата', 'отклонение', 'метрика'],
  ['目标值', '实际值', '计划日期', '实际日期', '偏差', '指标'],
  ['zielwert', 'istwert', 'valor objetivo', 'valor real'],
  // How often a row is met or used ("Часто", "Редко"): a remark on the row, not a fact of its subject.
  ['frequency', 'usage frequency', 'how often'],
  ['частота', 'частота использования', 'как часто'],
  ['频率', '使用频率', '常用程度'],
  ['häufigkeit', 'frecuencia', 'fréquence'],
  // How a word sounds, beside what it means: looked up, not recalled from the word.
  ['pronunciation', 'transcription', 'ipa', 'phonetic', 'phonetics'],
  ['транскрипция', 'произношение'],
  ['音标', '发音', '读音'],
  ['aussprache', 'pronunciación', 'prononciation'],
  ['сложность', 'длительность', 'продолжительность', 'время', 'цена', 'стоимость', 'рейтинг', 'оценка', 'статус', 'приоритет', 'ссылка', 'ссылки', 'дата', 'автор', 'год', 'прогресс', 'теги', 'уровень', 'источник', 'вспомогательные ссылки', 'вспомагательные ссылки', 'категория', 'тип', 'платформы'],
  ['难度', '时长', '时间', '价格', '费用', '评分', '状态', '优先级', '链接', '日期', '作者', '年份', '进度', '标签', '级别', '来源', '类别', '分类', '类型', '平台'],
  ['schwierigkeit', 'dauer', 'preis', 'dificultad', 'duración', 'precio', 'difficulté', 'durée', 'prix'],
);

/** Columns saying where a row's work stands: a table with one tracks the notes' own progress. */
export const STATUS = lexicon(
  ['status', 'state', 'progress', 'done', 'completed'],
  ['статус', 'состояние', 'прогресс', 'готово', 'выполнено'],
  ['状态', '进度', '完成情况', '完成度'],
  ['estado', 'progreso', 'statut', 'état'],
);

/**
 * Words in which the learner speaks of themself: a column headed by one
 * ("Me?", "My take", "Мой опыт", "我的看法") holds the learner's own remarks
 * on each row, which no one could recall from the row.
 */
export const FIRST_PERSON = lexicon(
  ['me', 'my', 'myself'],
  ['я', 'мне', 'меня', 'мной', 'мой', 'моя', 'моё', 'мое', 'мои', 'моих'],
  ['我', '我的'],
  ['ich', 'mir', 'mich', 'mein', 'meine', 'yo', 'mío', 'mía', 'moi', 'je'],
);

/** Levels of a skill scale: a table whose rows are these is a rubric, not knowledge. */
export const SKILL_LEVELS = lexicon(
  ['trainee', 'intern', 'junior', 'middle', 'mid', 'senior', 'lead', 'principal', 'staff', 'expert', 'beginner', 'novice', 'intermediate', 'advanced', 'basic', 'master'],
  ['стажер', 'стажёр', 'джуниор', 'мидл', 'сеньор', 'лид', 'эксперт', 'начальный', 'базовый', 'средний', 'продвинутый', 'экспертный', 'новичок'],
  ['初级', '中级', '高级', '专家', '资深', '入门', '进阶'],
  ['anfänger', 'fortgeschritten', 'principiante', 'intermedio', 'avanzado', 'débutant', 'intermédiaire', 'avancé'],
);

/**
 * Words stressed in bold inside a sentence ("это **не** так"): emphasis, not a
 * term. One-word bold spans of these are never asked.
 */
export const STRESS = lexicon(
  ['not', 'no', 'never', 'always', 'only', 'all', 'must', 'very', 'any', 'every', 'none', 'both', 'before', 'after', 'and', 'or', 'but', 'do', "don't", 'should', 'same'],
  ['не', 'нет', 'ни', 'никогда', 'всегда', 'только', 'все', 'всё', 'всех', 'обязательно', 'нельзя', 'можно', 'очень', 'и', 'или', 'но', 'до', 'после', 'должен', 'должна', 'должны', 'нужно', 'надо', 'каждый', 'любой', 'один', 'одна', 'одно', 'сразу'],
  ['不', '不要', '没有', '必须', '只', '只有', '都', '一定', '总是', '永远', '不能', '可以'],
  ['nicht', 'kein', 'immer', 'nie', 'nunca', 'siempre', 'solo', 'jamais', 'toujours', 'seulement'],
);

/** Yes and no: a cell that says only this (with or without ✅/❌) has no meaning on its own. */
export const YES_NO = lexicon(
  ['yes', 'no', 'true', 'false', 'partly', 'partial', 'n/a'],
  ['да', 'нет', 'частично', 'есть'],
  ['是', '否', '有', '无', '部分'],
  ['ja', 'nein', 'sí', 'oui', 'non'],
);

/** Days of the week, as a diary names its entries ("Mon 29", "Пн 13.05", "周一"). */
export const WEEKDAYS = lexicon(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun'],
  ['понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'],
  ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日', '星期天', '周一', '周二', '周三', '周四', '周五', '周六', '周日', '周天'],
  ['montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
);

/** Emoji and their joiners, which decorate labels ("📌 Пример"). */
const DECORATION = /[0-9#*]\u{FE0F}?\u{20E3}|\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u{FE0F}|\u{200D}/gu;

/**
 * Words of Latin and basic Cyrillic letters and digits, opening with a letter,
 * one space apart: nothing of such a text is decoration, numbering,
 * parentheses or edge punctuation, so it reduces to itself lower-cased.
 * Most table cells and terms are such texts.
 */
const PLAIN_WORDS = /^[A-Za-zА-яЁё][0-9A-Za-zА-яЁё]*(?: [0-9A-Za-zА-яЁё]+)*$/;

/** Labels remembered once reduced: a heading is judged once for every card under it. */
const RECENT_LABELS = 4096;
const reduceRemembered = boundedMemo(reduceLabel, RECENT_LABELS);

/** A label reduced to its words: lower-cased, decoration, numbering, parentheses and edge punctuation gone. */
export function labelWords(text: string): string {
  // Plain words (most cells and terms) are reduced at once, without filling the memo.
  return PLAIN_WORDS.test(text) ? text.toLowerCase() : reduceRemembered(text);
}

function reduceLabel(text: string): string {
  return text
    .replace(DECORATION, ' ')
    .toLowerCase()
    .replace(/\([^()]*\)/gu, ' ')
    .replace(/^[\s\d.)#*•·-]+/u, '')
    .replace(/[\s:：.,;!?！？—–-]+$/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Longer than any word of a lexicon with its decoration: a text this long is never a label, and only its opening is read for one. */
const MAX_LABEL = 80;

/** The text `isLabel` judged last, and its words: a term or item is judged against several lexicons in a row. */
let lastJudged = '';
let lastJudgedWords = '';

/** Whether a label is one of a lexicon's words. */
export function isLabel(words: Lexicon, text: string): boolean {
  if (text.length > MAX_LABEL) return false;
  // Only the last text remembered: the texts judged whole (cells, terms, items) rarely come back later, and a memo of them only holds memory.
  if (text !== lastJudged) {
    lastJudged = text;
    lastJudgedWords = PLAIN_WORDS.test(text) ? text.toLowerCase() : reduceLabel(text);
  }
  return words.has(lastJudgedWords);
}

/** Whether a short text closes with a word of a lexicon ("Qs done" with "done"): a header naming what is done. */
export function closesWithLabel(words: Lexicon, text: string): boolean {
  if (text.length > MAX_LABEL) return false;
  const label = labelWords(text);
  return words.has(label.slice(label.lastIndexOf(' ') + 1));
}

/**
 * Whether a heading or column header opens with one of a lexicon's words:
 * "Преимущества Docker", "📌 Пример", "Example: login" name their kind first.
 */
export function opensWithLabel(words: Lexicon, text: string): boolean {
  const label = labelWords(text.length > MAX_LABEL ? text.slice(0, MAX_LABEL) : text);
  if (words.has(label)) return true;
  // Each opening run of words, up to a space, colon or comma: "преимущества", then "преимущества docker", …
  // A label's only white space is single spaces (see labelWords).
  for (let at = 0; at < label.length; at++) {
    const c = label[at];
    if ((c === ' ' || c === ':' || c === '：' || c === ',') && words.has(label.slice(0, at))) return true;
  }
  return false;
}

/** Han characters: Chinese and Japanese write no spaces between words. */
const HAN = /\p{Script=Han}/u;

/** Whether a short text holds one of a lexicon's words anywhere: "Me?", "How I use it", "我的看法". */
export function holdsWord(words: Lexicon, text: string): boolean {
  if (text.length > MAX_LABEL) return false;
  for (const token of labelWords(text).split(/[^\p{L}\p{N}]+/u)) {
    if (words.has(token)) return true;
    // A word of a language written without spaces is found inside the run of its letters.
    if (HAN.test(token)) for (const word of words) if (HAN.test(word) && token.includes(word)) return true;
  }
  return false;
}

import { describe, expect, it } from 'vitest';
import { readNote as read } from './helpers.js';

/** A learner's own quiz, one question and its answer on a line, asked as the note wrote it. */
describe('an item that asks and answers on its line', () => {
  it('asks the question and answers with the text after the arrow, without the marks that scored it, in any language', () => {
    const { asked } = read(
      '# 营养学\n\n## 课堂小测\n\n1. 哪种维生素可以通过皮肤经日光照射合成？ → 维生素 D ✔\n2. 菠菜补钙效果差的主要原因？ → 含草酸多，与钙结合成草酸钙 ✔\n\n' +
        '## Quiz\n\n- **Why does TCP need a third handshake?** → so the server knows its SYN was received ✅\n- Что возвращает `fork()` в дочернем процессе? -> 0\n',
    );
    expect(asked).toEqual([
      '哪种维生素可以通过皮肤经日光照射合成？ = 维生素 D',
      '菠菜补钙效果差的主要原因？ = 含草酸多，与钙结合成草酸钙',
      'Why does TCP need a third handshake? = so the server knows its SYN was received',
      'Что возвращает fork() в дочернем процессе? = 0',
    ]);
  });

  it('turns down a question answered by a link to another note, and leaves items without a question to their list', () => {
    const { asked, dropped } = read('# MOC\n\n## 面试题\n\n- 为什么是三次握手？ → [[TCP连接管理#三次握手]]\n\n## Logic\n\n- A → B reads "A implies B"\n- Why? → because\n');
    expect(dropped('navigation')).toEqual(['为什么是三次握手？ = TCP连接管理 > 三次握手']);
    expect(asked).toEqual([]);
    expect(dropped('long-item')).toHaveLength(1);
  });
});

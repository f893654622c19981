package com.takeover.scoring;

/**
 * Valence of the emoji customers actually send in support chats, on VADER's -4..+4 scale.
 *
 * <p>Each value follows the VADER rating of the emoticon or word the emoji stands for (😊 ≈ ":)"
 * 2.0, 😢 ≈ ":'(" -2.2, 💔 = VADER's "broken heart" -2.9, 😡 ≈ "furious" -2.7), shifted where a
 * support chat reads it differently: 🤦 and 🙄 are exasperation, 😅 and 🙃 are uneasy rather than
 * happy, 😂 is often sarcastic at an agent and so sits below "lol". Variation selectors, skin tones
 * and zero-width joiners carry no valence and are skipped by the tokenizer.
 */
final class EmojiValence {
    private EmojiValence() {}

    /** Pairs of (code point, valence). */
    static final double[][] TABLE = {
        // joy, affection, approval
        {0x1F600, 2.2}, // 😀
        {0x1F603, 2.3}, // 😃
        {0x1F604, 2.3}, // 😄
        {0x1F601, 2.2}, // 😁
        {0x1F606, 2.0}, // 😆
        {0x1F60A, 2.0}, // 😊
        {0x263A, 2.0}, //  ☺
        {0x1F642, 1.5}, // 🙂
        {0x1F609, 1.2}, // 😉
        {0x1F60D, 2.8}, // 😍
        {0x1F970, 2.8}, // 🥰
        {0x1F618, 2.3}, // 😘
        {0x1F917, 2.2}, // 🤗
        {0x1F60E, 1.6}, // 😎
        {0x1F602, 1.2}, // 😂
        {0x1F923, 1.2}, // 🤣
        {0x1F973, 2.5}, // 🥳
        {0x1F389, 2.3}, // 🎉
        {0x1F64C, 2.0}, // 🙌
        {0x1F44F, 2.0}, // 👏
        {0x1F44D, 1.8}, // 👍
        {0x1F44C, 1.6}, // 👌
        {0x1F64F, 1.5}, // 🙏
        {0x1F91D, 1.5}, // 🤝
        {0x1F4AA, 1.5}, // 💪
        {0x1F4AF, 1.8}, // 💯
        {0x2B50, 1.5}, //  ⭐
        {0x1F31F, 1.5}, // 🌟
        {0x2764, 2.3}, //  ❤
        {0x1F495, 2.3}, // 💕
        {0x1F496, 2.3}, // 💖
        {0x1F497, 2.3}, // 💗
        {0x1F499, 2.3}, // 💙
        {0x1F49A, 2.3}, // 💚
        {0x1F49B, 2.3}, // 💛
        {0x1F49C, 2.3}, // 💜
        {0x1F9E1, 2.3}, // 🧡
        {0x2705, 1.2}, //  ✅
        {0x2714, 1.0}, //  ✔
        {0x1F44B, 0.3}, // 👋
        {0x1F525, 0.8}, // 🔥
        // unease, doubt
        {0x1F605, 0.3}, // 😅
        {0x1F643, -0.5}, // 🙃
        {0x1F610, -0.3}, // 😐
        {0x1F611, -0.8}, // 😑
        {0x1F914, -0.3}, // 🤔
        {0x1F937, -0.5}, // 🤷
        {0x1F62C, -1.0}, // 😬
        {0x1F633, -0.5}, // 😳
        {0x1F97A, -0.8}, // 🥺
        {0x1F634, -0.8}, // 😴
        {0x23F3, -0.5}, //  ⏳
        {0x231B, -0.5}, //  ⌛
        {0x26A0, -0.8}, //  ⚠
        // sadness, disappointment
        {0x1F615, -1.2}, // 😕
        {0x1F641, -1.5}, // 🙁
        {0x2639, -1.9}, //  ☹
        {0x1F61F, -1.6}, // 😟
        {0x1F614, -1.8}, // 😔
        {0x1F61E, -2.0}, // 😞
        {0x1F625, -1.5}, // 😥
        {0x1F613, -1.5}, // 😓
        {0x1F62A, -1.0}, // 😪
        {0x1F622, -2.2}, // 😢
        {0x1F62D, -2.5}, // 😭
        {0x1F494, -2.9}, // 💔
        {0x1F44E, -2.0}, // 👎
        {0x274C, -1.2}, //  ❌
        // frustration, anger
        {0x1F644, -1.5}, // 🙄
        {0x1F612, -1.6}, // 😒
        {0x1F926, -1.8}, // 🤦
        {0x1F623, -1.8}, // 😣
        {0x1F616, -2.0}, // 😖
        {0x1F62B, -2.2}, // 😫
        {0x1F629, -2.2}, // 😩
        {0x1F630, -2.0}, // 😰
        {0x1F631, -2.0}, // 😱
        {0x1F92F, -1.0}, // 🤯
        {0x1F624, -2.0}, // 😤
        {0x1F620, -2.3}, // 😠
        {0x1F621, -2.7}, // 😡
        {0x1F92C, -3.0}, // 🤬
        {0x1F4A9, -2.2}, // 💩
    };

    /**
     * Whether a code point belongs to the emoji blocks: such characters split words ("thanks😊")
     * and, when not in {@link #TABLE}, are dropped.
     */
    static boolean isEmojiBlock(int cp) {
        return (cp >= 0x1F000 && cp <= 0x1FAFF)
                || (cp >= 0x2600 && cp <= 0x27BF)
                || (cp >= 0x2300 && cp <= 0x23FF)
                || (cp >= 0x2B00 && cp <= 0x2BFF)
                || cp == 0x200D || cp == 0xFE0F || cp == 0x20E3
                || (cp >= 0xE0020 && cp <= 0xE007F);
    }
}

package com.takeover.scoring;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a customer message asks for a human: "can I talk to a real person", "agent please",
 * "get me a human", "transfer me to a representative", "is there a human", "operator!",
 * "I want a manager", "I don't want to talk to a bot".
 *
 * <p>A request is a request verb with a human as its object ("speak to someone", "connect me with
 * support staff", "I need an agent", "can I get a human"), a message that is little more than a
 * human noun ("AGENT", "representative please"), a question for one ("is there a real person"),
 * a refusal of the bot, or "escalate". Not a request:
 * <ul>
 *   <li>a negation up to 4 words before it, in the same clause: "I don't need an agent", "no need
 *       for a human", "without talking to a person", "I never asked for a manager" (but "why won't
 *       you let me talk to a human" and "don't you have a real person?" are requests);
 *   <li>a report: humans as the subject ("the agent told me", "your agent already said") match no
 *       request pattern, past tense verbs are not request verbs ("I spoke to an agent"), and a
 *       progressive after "was/were/been" is a report ("I was talking to an agent").
 * </ul>
 * Patterns are compiled once; a message with no human, bot or escalation word is rejected before
 * any pattern runs, and each pattern runs only when the words it needs start words of the message.
 * Thread-safe and stateless.
 */
public final class HumanRequestDetector implements Serializable {
    private static final long serialVersionUID = 2L;

    /** Quick rejection: every request contains one of these. */
    private static final List<String> KEYWORDS = List.of(
            "human", "person", "people", "agent", "rep", "operator", "manager", "supervisor", "someone",
            "somebody", "staff", "employee", "service", "support", "bot", "robot", "machine", "escalat",
            "live", "team", "anyone", "anybody", "real one");

    private static final String ADJ = "(?:real|live|actual|human|proper|competent|another|different|"
            + "qualified|senior|english[- ]speaking|flesh and blood)";
    private static final String DET = "(?:a|an|the|some|your|one of your|any)";
    private static final String NOUN = "(?:human beings?|humans?|persons?|people|agents?|representatives?|reps?|"
            + "operators?|managers?|supervisors?|someone|somebody|staff(?: members?)?|employees?|"
            + "team members?|customer (?:service|support|care)(?: agents?| reps?| representatives?| team| staff| desk)?|"
            + "support (?:staff|team|agents?|persons?|people|reps?|representatives?)|"
            + "(?:live|real) (?:chat|support)|(?:one|ones) of you|real ones?)";
    /** A human as an object: "a real person", "your supervisor", "someone real", "support staff". */
    private static final String HUMAN = "(?:" + DET + " )?(?:" + ADJ + " ){0,2}" + NOUN
            + "(?! (?:told|said|says|promised|mentioned|explained|confirmed|informed|wrote|replied|answered|"
            + "was|were|is|has|had|did|didn't|couldn't|hung|closed|gave|sent|called|emailed)\\b)";
    private static final String BOT = "(?:a |an |the |this |your |some |that )?(?:stupid |dumb |useless |automated |"
            + "fucking |damn )?(?:bots?|robots?|chat ?bots?|machines?|ai|automated \\w+|computers?|script)\\b";

    private static final String TALK = "(?:talk|speak|chat|converse)(?:ing)?";

    /*
     * Cues: each is a set of words, one bit; a pattern needs some of its cues present. Every word a pattern
     * names starts a word of the message in any match (it follows \\b or a space), so words are looked for only
     * where a word starts (after no ASCII letter or digit).
     */
    private static final Map<String, Long> CUE_WORDS = new LinkedHashMap<>();
    private static int cueCount;

    /** A new cue: any of {@code words}. */
    private static long cue(String... words) {
        if (cueCount == 64) {
            throw new IllegalStateException("at most 64 cues, one bit each");
        }
        long bit = 1L << cueCount++;
        for (String w : words) {
            CUE_WORDS.merge(w, bit, (x, y) -> x | y);
        }
        return bit;
    }

    /** A human as an object (the HUMAN noun's first words). */
    private static final long HUMAN_NOUN = cue("human", "person", "people", "agent", "rep", "operator", "manager",
            "supervisor", "someone", "somebody", "staff", "employee", "team member", "customer", "support", "chat",
            "of you", "real one");
    private static final long PLAIN_HUMAN = cue("human", "person", "people", "agent", "rep", "operator", "manager",
            "supervisor", "someone", "somebody");
    private static final long ANY_HUMAN = cue("human", "person", "people", "agent", "rep", "operator", "manager",
            "supervisor", "someone", "somebody", "anyone", "anybody");
    private static final long STANDALONE_NOUN = cue("agent", "human", "operator", "rep", "person", "manager",
            "supervisor", "someone", "somebody", "customer", "support");
    private static final long TALK_VERB = cue("talk", "speak", "chat", "convers");
    private static final long HAND_OVER_VERB = cue("connect", "transfer", "put", "pass", "forward", "send",
            "redirect", "route", "hand", "escalat");
    private static final long FETCH_VERB = cue("get", "give", "bring", "find", "fetch", "send");
    private static final long MODAL = cue("can", "could", "may");
    private static final long OBTAIN_VERB = cue("get", "have", "see", "reach");
    private static final long WANT_VERB = cue("want", "wanna", "need", "prefer", "request", "demand", "require",
            "ask", "like", "love");
    private static final long REACH_VERB = cue("reach", "contact", "call");
    private static final long THERE = cue("there");
    private static final long ANYONE = cue("someone", "somebody", "anyone", "anybody");
    private static final long WHERE = cue("where");
    private static final long ESCALATE = cue("escalat");
    private static final long REAL_ADJ = cue("real", "live", "actual", "flesh");
    private static final long REAL_NOUN = cue("human", "person", "people", "agent", "rep", "operator");
    private static final long HUMAN_ADJ = cue("human");
    private static final long HUMAN_ADJ_NOUN = cue("agent", "being", "rep", "operator", "support", "help");
    private static final long BOT_NOUN = cue("bot", "robot", "chat", "machine", "ai", "automated", "computer", "script");
    private static final long PLAIN_BOT = cue("bot", "robot", "automated");
    private static final long REFUSAL_NEGATION = cue("do", "won't", "will");
    private static final long REFUSAL_VERB = cue("want", "wanna", "like", "need");
    private static final long FED_UP = cue("tired", "sick", "fed");
    private static final long ENOUGH = cue("stop", "enough", "no");
    private static final long INSTEAD = cue("instead", "rather");

    private static final String[] CUE_WORD_LIST = CUE_WORDS.keySet().toArray(String[]::new);
    private static final long[] CUE_WORD_BITS = CUE_WORDS.values().stream().mapToLong(Long::longValue).toArray();
    /** Per ASCII first char, the indexes into {@link #CUE_WORD_LIST} of the words starting with it. */
    private static final int[][] CUE_WORDS_BY_FIRST = new int[128][];

    static {
        for (int c = 0; c < 128; c++) {
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < CUE_WORD_LIST.length; i++) {
                if (CUE_WORD_LIST[i].charAt(0) == c) {
                    ids.add(i);
                }
            }
            CUE_WORDS_BY_FIRST[c] = ids.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Requests that a preceding negation cancels. */
    private static final Pattern[] REQUESTS = {
        // talk / speak / chat (directly, right now) to / with a human
        Pattern.compile("\\b" + TALK + " (?:\\w+ ){0,2}?(?:to|with) " + HUMAN + "\\b"),
        // connect / transfer / put / pass / forward / send / escalate me (over|through) to a human
        Pattern.compile("\\b(?:connect|transfer|put|pass|forward|send|redirect|route|hand|escalate)"
                + "(?: (?:me|us|this|it|my (?:chat|case|ticket|call|issue|request|complaint)))?"
                + "(?: (?:over|through|back|on|up))? (?:to|with) " + HUMAN + "\\b"),
        // get / give / bring / find me a human; can I get / have a human
        Pattern.compile("\\b(?:get|give|bring|find|fetch|send) (?:me|us) " + HUMAN + "\\b"),
        Pattern.compile("\\b(?:can|could|may) (?:i|we) (?:please )?(?:get|have|see|reach) " + HUMAN + "\\b"),
        // I want / need / request / ask for a human (to talk to)
        Pattern.compile("\\b(?:want|wanna|need|prefer|request|requesting|demand|demanding|require|ask(?:ing)? for|"
                + "(?:'d|would) (?:like|love)) (?:to (?:" + TALK + "|get|be (?:connected|transferred|put through)) (?:to |with )?)?"
                + HUMAN + "\\b"),
        // reach / contact a human; is / are there a human; a human I can talk to
        Pattern.compile("\\b(?:reach|contact|call) (?:" + DET + " )?(?:" + ADJ + " ){0,2}"
                + "(?:human|person|people|agent|representative|rep|operator|manager|supervisor|someone|somebody)s?\\b"),
        Pattern.compile("\\b(?:is|are) there (?:(?:any|a|an|some) )?(?:" + ADJ + " ){0,2}"
                + "(?:humans?|persons?|people|agents?|representatives?|operators?|managers?|supervisors?|"
                + "(?:some|any)(?:one|body) (?:real|human|i can|to (?:talk|speak|chat)))\\b"),
        Pattern.compile("\\b(?:some|any)(?:one|body)(?: real| human)? (?:i|we) (?:can|could) " + TALK + "\\b"),
        Pattern.compile("\\bwhere (?:can i find|do i find|is|are) " + HUMAN + "\\b"),
        // escalate this / please escalate / escalation
        Pattern.compile("\\bescalat(?:e|ion)\\b"),
        // a human agent / a real person / a live agent, anywhere
        Pattern.compile("(?<!the )(?<!your )(?<!that )(?<!this )\\b(?:real|live|actual|flesh and blood) (?:human|person|people|agent|representative|rep|operator)s?\\b"
                + "(?! (?:told|said|says|was|were|is|has|had)\\b)"),
        Pattern.compile("(?<!the )(?<!your )(?<!that )(?<!this )\\bhuman (?:agent|being|representative|rep|operator|support|help)s?\\b"
                + "(?! (?:told|said|says|was|were|is|has|had)\\b)"),
    };

    /** Per request pattern: the cues that must all be present for it to match. */
    private static final long[] REQUEST_NEEDS = {
        TALK_VERB | HUMAN_NOUN,
        HAND_OVER_VERB | HUMAN_NOUN,
        FETCH_VERB | HUMAN_NOUN,
        MODAL | OBTAIN_VERB | HUMAN_NOUN,
        WANT_VERB | HUMAN_NOUN,
        REACH_VERB | PLAIN_HUMAN,
        THERE | ANY_HUMAN,
        ANYONE | TALK_VERB,
        WHERE | HUMAN_NOUN,
        ESCALATE,
        REAL_ADJ | REAL_NOUN,
        HUMAN_ADJ | HUMAN_ADJ_NOUN,
    };

    /** The message is little more than a call for a human: "agent please", "operator!", "HUMAN". */
    private static final Pattern STANDALONE = Pattern.compile(
            "^(?:(?:please|pls|plz|hey|hi|hello|ok|okay|just|i said|i want|i need|get me|give me|need|want) )*"
                    + "(?:(?:a|an|the|your) )?(?:(?:real|live|human|actual) )?"
                    + "(?:agent|human|operator|representative|rep|person|manager|supervisor|someone real|"
                    + "somebody real|customer service|support)s?"
                    + "(?: (?:please|pls|plz|now|asap|thanks|thank you|right now|immediately))*$");

    /** Refusing the bot is asking for a human; such patterns carry their own negation. */
    private static final Pattern[] BOT_REFUSALS = {
        Pattern.compile("\\b(?:don't|do not|dont|doesn't|won't|will not) (?:want|wanna|like|need) (?:to (?:"
                + TALK + "|deal) (?:to |with )?)?" + BOT),
        Pattern.compile("\\b(?:tired|sick|fed up) (?:of|with) (?:(?:talking|chatting|speaking) (?:to|with) )?" + BOT),
        Pattern.compile("\\b(?:stop|enough|no more|not another) (?:with )?(?:the |this |your )?(?:stupid |dumb )?(?:bots?|robots?|automated)\\b"),
        Pattern.compile("\\b(?:instead of|rather than) (?:talking to |speaking to )?" + BOT
                + "(?:,? (?:i want|i need|please|get me))?"),
    };

    /** Per bot refusal: the cues that must all be present, as {@link #REQUEST_NEEDS}. */
    private static final long[] BOT_REFUSAL_NEEDS = {
        REFUSAL_NEGATION | REFUSAL_VERB | BOT_NOUN,
        FED_UP | BOT_NOUN,
        ENOUGH | PLAIN_BOT,
        INSTEAD | BOT_NOUN,
    };

    /** A negation word that cancels a request after it. */
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(?:don't|dont|do not|doesn't|does not|didn't|did not|never|without|won't|wont|will not|wouldn't|"
                    + "would not|needn't|no need|no longer|rather not|not|nor|no one asked|nobody asked)\\b");
    /** Exceptions after a negation: "won't you let me", "don't you have", "why don't". */
    private static final Pattern NEGATION_EXCEPTION = Pattern.compile(
            "^(?:'t|n't)?\\s*(?:you|u)\\b|\\blet (?:me|us)\\b|\\ballow (?:me|us)\\b");
    private static final Pattern WHY_BEFORE = Pattern.compile("\\bwhy\\s*$");
    private static final Pattern REPORT_PROGRESSIVE = Pattern.compile("\\b(?:was|were|been|i'm|am) (?:\\w+ )?$");

    private static final Pattern SPACES = Pattern.compile(" +");
    /** Compiled once: String.matches compiles its pattern on every call. */
    private static final Pattern TALKING = Pattern.compile("(?s)^(?:talking|speaking|chatting|conversing)\\b.*");

    private static final int NEGATION_WINDOW_WORDS = 4;

    public boolean isHumanRequest(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String t = normalise(text);
        if (!mentionsKeyword(t)) {
            return false;
        }
        // A pattern runs only when the words it needs are in the message (a sixth of the scorer's time went to
        // running all sixteen on every message with a keyword).
        long present = wordsPresent(t);
        for (int i = 0; i < BOT_REFUSALS.length; i++) {
            if (has(present, BOT_REFUSAL_NEEDS[i]) && BOT_REFUSALS[i].matcher(t).find()) {
                return true;
            }
        }
        if ((present & STANDALONE_NOUN) != 0 && STANDALONE.matcher(stripPunctuation(t)).matches()) {
            return true;
        }
        for (int i = 0; i < REQUESTS.length; i++) {
            if (!has(present, REQUEST_NEEDS[i])) {
                continue;
            }
            Matcher m = REQUESTS[i].matcher(t);
            while (m.find()) {
                if (!negated(t, m.start()) && !reportedTalk(t, m)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * For tests: the patterns that find a match in {@code text} although their cues are missing (each such
     * pattern's check would wrongly skip it). Empty when every check is a necessary condition on this text.
     */
    static List<String> patternsMissingTheirCues(String text) {
        List<String> out = new ArrayList<>();
        String t = normalise(text);
        long present = wordsPresent(t);
        for (int i = 0; i < BOT_REFUSALS.length; i++) {
            if (BOT_REFUSALS[i].matcher(t).find() && !has(present, BOT_REFUSAL_NEEDS[i])) {
                out.add("bot refusal " + i);
            }
        }
        if (STANDALONE.matcher(stripPunctuation(t)).matches() && (present & STANDALONE_NOUN) == 0) {
            out.add("standalone");
        }
        for (int i = 0; i < REQUESTS.length; i++) {
            if (REQUESTS[i].matcher(t).find() && !has(present, REQUEST_NEEDS[i])) {
                out.add("request " + i);
            }
        }
        return out;
    }

    private static boolean has(long present, long needs) {
        return (present & needs) == needs;
    }

    /** The cues present in {@code t}: the bits of every cue word that starts a word of it. */
    static long wordsPresent(String t) {
        long present = 0;
        int n = t.length();
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (c >= 128 || (i > 0 && isAsciiLetterOrDigit(t.charAt(i - 1)))) {
                continue;
            }
            for (int w : CUE_WORDS_BY_FIRST[c]) {
                if (t.startsWith(CUE_WORD_LIST[w], i)) {
                    present |= CUE_WORD_BITS[w];
                }
            }
        }
        return present;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }

    private static boolean mentionsKeyword(String t) {
        for (String k : KEYWORDS) {
            if (t.contains(k)) {
                return true;
            }
        }
        return false;
    }

    /** Lower case, straight apostrophes, one space between words. */
    static String normalise(String text) {
        StringBuilder b = new StringBuilder(text.length());
        boolean space = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u2019' || c == '\u2018' || c == '\u02BC') {
                c = '\'';
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (!space) {
                    b.append(' ');
                    space = true;
                }
            } else {
                // ASCII folded here, so that toLowerCase below finds nothing to change in an ASCII message and
                // returns its argument instead of a second copy of the text
                b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
                space = false;
            }
        }
        int len = b.length();
        if (len > 0 && b.charAt(len - 1) == ' ') {
            b.setLength(len - 1);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static String stripPunctuation(String t) {
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isLetterOrDigit(c) || c == ' ' || c == '\'') {
                b.append(c);
            } else if (b.length() > 0 && b.charAt(b.length() - 1) != ' ') {
                b.append(' ');
            }
        }
        // Compiled once: String.replaceAll compiles its pattern on every call.
        return SPACES.matcher(b.toString().strip()).replaceAll(" ");
    }

    /** A negation within the last few words of the same clause before {@code start}. */
    private static boolean negated(String t, int start) {
        int clause = start;
        while (clause > 0) {
            char c = t.charAt(clause - 1);
            if (c == '.' || c == ',' || c == ';' || c == '!' || c == '?' || c == ':' || c == '(' || c == '-') {
                break;
            }
            clause--;
        }
        int from = start;
        int words = 0;
        while (from > clause && words <= NEGATION_WINDOW_WORDS) {
            from--;
            if (t.charAt(from) == ' ') {
                words++;
            }
        }
        String window = t.substring(from, start);
        int butAt = window.lastIndexOf(" but ");
        if (butAt >= 0) {
            window = window.substring(butAt + 5);
        }
        Matcher m = NEGATION.matcher(window);
        int last = -1;
        int lastEnd = -1;
        while (m.find()) {
            last = m.start();
            lastEnd = m.end();
        }
        if (last < 0) {
            return false;
        }
        String after = window.substring(lastEnd);
        if (NEGATION_EXCEPTION.matcher(after).find()) {
            return false;
        }
        int absolute = from + last;
        String before = t.substring(Math.max(0, absolute - 12), absolute);
        return !WHY_BEFORE.matcher(before).find();
    }

    /** "I was talking to an agent", "I've been speaking with someone": a report, not a request. */
    private static boolean reportedTalk(String t, Matcher m) {
        String matched = m.group();
        if (!TALKING.matcher(matched).matches()) {
            return false;
        }
        return REPORT_PROGRESSIVE.matcher(t.substring(Math.max(0, m.start() - 20), m.start())).find();
    }
}
